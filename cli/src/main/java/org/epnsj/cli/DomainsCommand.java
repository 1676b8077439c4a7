package org.epnsj.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.SymmetryProvider;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.run.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epns domains}: lists the discovered plugins. */
@Command(name = "domains", description = "List the symmetry and domain plugins found on the class path.")
final class DomainsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EpnsRuntime runtime = RuntimeOptions.defaultRuntime();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, SymmetryProvider<?>> symmetries = runtime.plugins().symmetries();
        Map<String, DomainProvider> domains = runtime.plugins().domains();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("symmetries", symmetries.values().stream().map(s -> Map.of("id", s.id(), "version", s.version(),
                    "description", s.description(), "class", s.getClass().getName())).toList());
            doc.put("domains", domains.values().stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.id());
                m.put("version", d.version());
                m.put("symmetry", d.symmetryId());
                m.put("description", d.description());
                m.put("models", d.models());
                m.put("presets", d.presets());
                m.put("class", d.getClass().getName());
                return m;
            }).toList());
            out.println(Json.GSON.toJson(doc));
        } else {
            out.println("Symmetries:");
            for (SymmetryProvider<?> s : symmetries.values()) {
                out.printf("  %-16s %-8s %s%n", s.id(), s.version(), s.description());
            }
            out.println("Domains:");
            for (DomainProvider d : domains.values()) {
                out.printf("  %-16s %-8s %s%n", d.id(), d.version(), d.description());
                out.printf("  %-16s %-8s symmetry %s; models %s; presets %s%n", "", "", d.symmetryId(),
                        String.join(", ", d.models()), String.join(", ", List.copyOf(d.presets())));
            }
        }
        out.flush();
        return 0;
    }
}
