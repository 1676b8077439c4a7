package org.epnsj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.SymmetryProvider;
import org.epnsj.runtime.run.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epns domains}: lists the plugins with their versions, and the jar of each one that is not built in. */
@Command(name = "domains", description = "List the symmetry and domain plugins: the built-in ones and those of the plugins folder and EPNS_PLUGIN_PATH, with the jar each came from.")
final class DomainsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginLoader.Plugins plugins = PluginLoader.current();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, SymmetryProvider<?>> symmetries = plugins.registry().symmetries();
        Map<String, DomainProvider> domains = plugins.registry().domains();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("symmetries", symmetries.values().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("version", s.version());
                m.put("description", s.description());
                m.put("class", s.getClass().getName());
                putSource(m, plugins, s);
                return m;
            }).toList());
            doc.put("domains", domains.values().stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.id());
                m.put("version", d.version());
                m.put("symmetry", d.symmetryId());
                m.put("description", d.description());
                m.put("models", d.models());
                m.put("presets", d.presets());
                m.put("class", d.getClass().getName());
                putSource(m, plugins, d);
                return m;
            }).toList());
            doc.put("pluginJars", plugins.jars().stream().map(Path::toString).toList());
            out.println(Json.GSON.toJson(doc));
        } else {
            out.println("Symmetries:");
            for (SymmetryProvider<?> s : symmetries.values()) {
                out.printf("  %-16s %-8s %s%n", s.id(), s.version(), s.description());
                printSource(out, plugins, s);
            }
            out.println("Domains:");
            for (DomainProvider d : domains.values()) {
                out.printf("  %-16s %-8s %s%n", d.id(), d.version(), d.description());
                out.printf("  %-16s %-8s symmetry %s; models %s; presets %s%n", "", "", d.symmetryId(),
                        String.join(", ", d.models()), String.join(", ", List.copyOf(d.presets())));
                printSource(out, plugins, d);
            }
        }
        out.flush();
        return 0;
    }

    /** The jar a plugin came from, and whether it is built into the command line. */
    private static void putSource(Map<String, Object> m, PluginLoader.Plugins plugins, Object provider) {
        Path source = plugins.source(provider);
        m.put("jar", source == null ? null : source.toString());
        m.put("builtIn", !plugins.fromPluginJar(provider));
    }

    /** Built-in plugins need no line; a plugin jar's is named so that a stale copy can be found. */
    private static void printSource(PrintWriter out, PluginLoader.Plugins plugins, Object provider) {
        if (plugins.fromPluginJar(provider)) {
            out.printf("  %-16s %-8s from %s%n", "", "", plugins.source(provider));
        }
    }
}
