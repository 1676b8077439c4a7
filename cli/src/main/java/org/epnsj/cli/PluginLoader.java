package org.epnsj.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.SymmetryProvider;
import org.epnsj.runtime.plugin.PluginConfigurationException;
import org.epnsj.runtime.plugin.PluginRegistry;

/**
 * The plugins of the command line: its built-in ones and every jar of the launcher's plugins folder
 * and of {@code EPNS_PLUGIN_PATH}. All plugin jars share one class loader, a child of the command
 * line's own, so a domain jar can use the classes of a symmetry jar beside it; {@link ServiceLoader}
 * runs on that loader and so finds built-in and outside plugins alike. Each plugin is recorded with
 * the jar it came from, so that a listing names it and a clash names both jars.
 */
final class PluginLoader {

    /** The environment variable: folders and jars separated by the platform's path separator. */
    static final String PATH_VARIABLE = "EPNS_PLUGIN_PATH";

    /** The folder whose jars are always loaded (the launcher sets it to {@code plugins/} beside itself). */
    static final String FOLDER_PROPERTY = "epnsj.plugin.folder";

    /** Replaces {@link #PATH_VARIABLE} when set (a JVM cannot change its own environment). */
    static final String PATH_PROPERTY = "epnsj.plugin.path";

    private static String currentKey;
    private static Plugins current;

    private PluginLoader() {}

    /**
     * The plugins, discovered once per plugin folder and path.
     *
     * @throws PluginConfigurationException with a one-line message when the path names something that
     *     is not there, a jar cannot be read or two plugins share an id
     */
    static synchronized Plugins current() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        String path = System.getProperty(PATH_PROPERTY, System.getenv(PATH_VARIABLE));
        String key = folder + File.pathSeparator + File.pathSeparator + path;
        if (!key.equals(currentKey)) {
            current = discover(jars(folder == null || folder.isBlank() ? null : Path.of(folder), path));
            currentKey = key;
        }
        return current;
    }

    /**
     * The plugin jars: those of {@code folder} (absent is fine: no plugins) and those of every entry
     * of {@code path} (a folder contributes its {@code *.jar} files, in name order; a missing entry is
     * an error), each once, after checking that every one opens as a jar.
     */
    static List<Path> jars(Path folder, String path) {
        Set<Path> jars = new LinkedHashSet<>();
        if (folder != null && Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new PluginConfigurationException("the plugins folder " + folder + " is a file, not a folder");
            }
            jars.addAll(jarsIn(folder));
        }
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p;
                try {
                    p = Path.of(entry.strip());
                } catch (InvalidPathException e) {
                    throw new PluginConfigurationException(PATH_VARIABLE + ": '" + entry + "' is not a valid path");
                }
                if (Files.isDirectory(p)) {
                    jars.addAll(jarsIn(p));
                } else if (Files.isRegularFile(p)) {
                    if (!p.getFileName().toString().endsWith(".jar")) {
                        throw new PluginConfigurationException(PATH_VARIABLE + ": " + p
                                + " is neither a folder nor a .jar file");
                    }
                    jars.add(p.toAbsolutePath().normalize());
                } else {
                    throw new PluginConfigurationException(PATH_VARIABLE + ": no such folder or jar: " + p);
                }
            }
        }
        for (Path jar : jars) {
            checkReadable(jar);
        }
        return List.copyOf(jars);
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize()).sorted().toList();
        } catch (AccessDeniedException e) {
            throw new PluginConfigurationException("cannot read the plugins folder " + folder + ": permission denied");
        } catch (IOException e) {
            throw new PluginConfigurationException("cannot read the plugins folder " + folder + ": " + e.getMessage());
        }
    }

    private static void checkReadable(Path jar) {
        if (!Files.isReadable(jar)) {
            throw new PluginConfigurationException("cannot read plugin jar " + jar + ": permission denied");
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            f.getManifest();
        } catch (ZipException e) {
            throw new PluginConfigurationException("cannot read plugin jar " + jar + ": not a jar (" + e.getMessage() + ")");
        } catch (IOException | SecurityException e) {
            throw new PluginConfigurationException("cannot read plugin jar " + jar + ": " + e.getMessage());
        }
    }

    /**
     * Loads every plugin visible to a loader over {@code jars} whose parent is the command line's own
     * loader.
     *
     * @throws PluginConfigurationException naming the jars when one plugin class is in two of them, two
     *     plugins share an id, or a plugin cannot be loaded
     */
    static Plugins discover(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginConfigurationException("cannot read plugin jar " + jars.get(i) + ": " + e.getMessage());
            }
        }
        URLClassLoader loader = new URLClassLoader("epns-plugins", urls, PluginLoader.class.getClassLoader());
        Map<Object, Path> sources = new IdentityHashMap<>();
        List<SymmetryProvider<?>> symmetries = load(SymmetryProvider.class, "symmetry", SymmetryProvider::id, loader,
                sources).stream().<SymmetryProvider<?>>map(p -> p).toList();
        List<DomainProvider> domains = load(DomainProvider.class, "domain", DomainProvider::id, loader, sources);
        return new Plugins(new PluginRegistry(symmetries, domains), loader, jars, sources);
    }

    private static <T> List<T> load(Class<T> type, String kind, Function<T, String> id, URLClassLoader loader,
            Map<Object, Path> sources) {
        Map<String, List<Path>> entries = serviceEntries(type, loader);
        List<T> providers;
        try {
            providers = ServiceLoader.load(type, loader).stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError | LinkageError e) {
            String where = entries.entrySet().stream().filter(c -> String.valueOf(e.getMessage()).contains(c.getKey()))
                    .map(c -> " (listed in " + c.getValue().get(0) + ")").findFirst().orElse("");
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PluginConfigurationException("cannot load a " + kind + " plugin" + where + ": " + e.getMessage()
                    + (cause == e ? "" : ": " + cause), e);
        }
        Map<String, T> byId = new TreeMap<>();
        for (T p : providers) {
            Path source = sourceOf(p.getClass());
            sources.put(p, source);
            // ServiceLoader loads a class once however many jars list it: a second copy of a plugin
            // would be ignored in silence.
            List<Path> listing = entries.getOrDefault(p.getClass().getName(), List.of());
            if (listing.size() > 1) {
                throw new PluginConfigurationException("duplicate " + kind + " id '" + id.apply(p) + "': "
                        + p.getClass().getName() + " is in both " + listing.get(0) + " and " + listing.get(1)
                        + "; remove one");
            }
            T previous = byId.putIfAbsent(id.apply(p), p);
            if (previous != null) {
                throw new PluginConfigurationException("duplicate " + kind + " id '" + id.apply(p) + "': "
                        + previous.getClass().getName() + " in " + sources.get(previous) + " and "
                        + p.getClass().getName() + " in " + source + "; remove one");
            }
        }
        return providers;
    }

    /** Provider class name to the jars (or class folders) whose service file lists it. */
    private static Map<String, List<Path>> serviceEntries(Class<?> type, ClassLoader loader) {
        Map<String, List<Path>> entries = new LinkedHashMap<>();
        String resource = "META-INF/services/" + type.getName();
        try {
            for (URL url : Collections.list(loader.getResources(resource))) {
                Path source = resourceRoot(url, resource);
                URLConnection connection = url.openConnection();
                connection.setUseCaches(false);
                try (InputStream in = connection.getInputStream();
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        String name = line.replaceFirst("#.*", "").strip();
                        if (!name.isEmpty()) {
                            List<Path> listed = entries.computeIfAbsent(name, n -> new ArrayList<>());
                            if (!listed.contains(source)) {
                                listed.add(source);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugins' " + resource + " files: " + e.getMessage(), e);
        }
        return entries;
    }

    private static Path resourceRoot(URL url, String resource) throws IOException {
        try {
            if (url.openConnection() instanceof JarURLConnection jar) {
                return Path.of(jar.getJarFileURL().toURI());
            }
            Path file = Path.of(url.toURI());
            return file.getRoot().resolve(file.subpath(0, file.getNameCount() - Path.of(resource).getNameCount()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("unexpected resource location " + url, e);
        }
    }

    private static Path sourceOf(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(code.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The discovered plugins.
     *
     * @param registry the plugins by id
     * @param loader the loader over the plugin jars (its parent holds the built-in plugins)
     * @param jars the plugin jars, in load order
     * @param sources the jar or class folder each provider came from, by provider identity
     */
    record Plugins(PluginRegistry registry, ClassLoader loader, List<Path> jars, Map<Object, Path> sources) {

        /** The jar (or class folder) {@code provider} came from; null when unknown. */
        Path source(Object provider) {
            return sources.get(provider);
        }

        /** Whether {@code provider} came from a plugin jar rather than the command line itself. */
        boolean fromPluginJar(Object provider) {
            return provider.getClass().getClassLoader() == loader;
        }
    }
}
