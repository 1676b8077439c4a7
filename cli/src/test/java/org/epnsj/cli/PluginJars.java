package org.epnsj.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars for tests: Java sources compiled against the api, runtime and examples. */
final class PluginJars {

    private PluginJars() {}

    /**
     * A symmetry plugin whose group is the examples' SO(2) under another id.
     *
     * @param className the provider's fully qualified name
     */
    static String symmetry(String className, String id, String version) {
        return source(className, """
                import org.epnsj.api.spi.NoParameters;
                public final class %s implements org.epnsj.api.spi.SymmetryProvider<NoParameters> {
                    private final org.epnsj.examples.so2.So2Group group = new org.epnsj.examples.so2.So2Group();
                    public String id() { return "%s"; }
                    public String version() { return "%s"; }
                    public String description() { return "test symmetry %s"; }
                    public Class<NoParameters> parametersType() { return NoParameters.class; }
                    public NoParameters defaultParameters() { return NoParameters.INSTANCE; }
                    public org.epnsj.api.group.Group<?> group(NoParameters parameters) { return group; }
                }
                """, id, version, id);
    }

    /** A domain plugin that is the examples' linear-Gaussian domain under another id and symmetry. */
    static String domain(String className, String id, String version, String symmetryId) {
        return source(className, """
                import org.epnsj.api.spi.*;
                public final class %s implements DomainProvider {
                    private final DomainProvider d = new org.epnsj.examples.lineargaussian.LinearGaussianDomain();
                    public String id() { return "%s"; }
                    public String version() { return "%s"; }
                    public String description() { return "test domain %s"; }
                    public String symmetryId() { return "%s"; }
                    public org.epnsj.api.state.StateSchema schema() { return d.schema(); }
                    public org.epnsj.api.group.GroupAction<?> stateAction() { return d.stateAction(); }
                    public java.util.List<String> presets() { return d.presets(); }
                    public org.epnsj.api.data.DatasetPreset datasetPreset(String p) { return d.datasetPreset(p); }
                    public org.epnsj.api.data.GroundTruthSimulator simulator(String p) { return d.simulator(p); }
                    public org.epnsj.api.data.TrajectoryCodec codec() { return d.codec(); }
                    public java.util.List<ModelDescription> modelDescriptions() { return d.modelDescriptions(); }
                    public DomainEvaluator evaluator() { return d.evaluator(); }
                }
                """, id, version, id, symmetryId);
    }

    private static String source(String className, String body, Object... args) {
        int dot = className.lastIndexOf('.');
        String simple = className.substring(dot + 1);
        Object[] all = new Object[args.length + 1];
        all[0] = simple;
        System.arraycopy(args, 0, all, 1, args.length);
        return (dot < 0 ? "" : "package " + className.substring(0, dot) + ";\n") + body.formatted(all);
    }

    /**
     * Compiles {@code sources} (class name to source) and writes them with their service entries
     * ({@code services}: SPI interface name to provider class names) into {@code jar}.
     */
    static Path build(Path jar, Map<String, String> sources, Map<String, List<String>> services) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = work.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath(), "-proc:none"));
            args.addAll(files);
            int code = javac.run(null, null, null, args.toArray(String[]::new));
            if (code != 0) {
                throw new IllegalStateException("test plugin sources did not compile (javac exit " + code + ")");
            }
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
            for (Map.Entry<String, List<String>> s : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
                out.write((String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The api, runtime, examples and DJL api locations (surefire's own class path is a manifest jar). */
    private static String classPath() {
        return Stream.of(org.epnsj.api.spi.DomainProvider.class, org.epnsj.runtime.io.NpyTrajectoryCodec.class,
                org.epnsj.examples.so2.So2Group.class, ai.djl.ndarray.NDManager.class).map(c -> {
                    try {
                        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
