package org.epnsj.runtime.run;

import ai.djl.engine.Engine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.SymmetryProvider;

/**
 * How a result was made: {@code provenance.json} of a run folder and the {@code provenance} block of
 * evaluation reports.
 *
 * @param plugins plugin role to id, version and class
 * @param engine DJL engine name
 * @param engineVersion the engine's native version
 * @param djlVersion the DJL version
 * @param device the device arrays live on
 * @param dataType the parameter dtype
 * @param seed the run's seed
 * @param config the run configuration
 * @param gitCommit {@code git describe --always --dirty} of the working directory, or null
 * @param java the Java runtime version
 * @param createdAt ISO-8601 instant
 */
public record RunProvenance(Map<String, Map<String, String>> plugins, String engine, String engineVersion,
        String djlVersion, String device, String dataType, long seed, RunConfig config, String gitCommit, String java,
        String createdAt) {

    /** Collects the provenance of a run that is about to start. */
    public static RunProvenance collect(DomainProvider domain, SymmetryProvider<?> symmetry, Engine engine, String device,
            RunConfig config) {
        Map<String, Map<String, String>> plugins = new LinkedHashMap<>();
        plugins.put("domain", Map.of("id", domain.id(), "version", domain.version(), "class", domain.getClass().getName()));
        plugins.put("symmetry", Map.of("id", symmetry.id(), "version", symmetry.version(),
                "class", symmetry.getClass().getName()));
        String djl = Engine.class.getPackage().getImplementationVersion();
        return new RunProvenance(plugins, engine.getEngineName(), engine.getVersion(), djl == null ? "0.36.0" : djl,
                device, config.dataType(), config.training().seed(), config, gitDescribe(), System.getProperty("java.version"),
                Instant.now().toString());
    }

    /** The system property through which a launcher names the commit the code was built from. */
    public static final String COMMIT_PROPERTY = "epnsj.git.commit";

    /**
     * The commit of the code: the {@value #COMMIT_PROPERTY} system property (the {@code epns}
     * launcher sets it from its own repository, so runs started elsewhere still record it), else
     * {@code git describe --always --dirty} in the working directory, else null.
     */
    public static String gitDescribe() {
        String declared = System.getProperty(COMMIT_PROPERTY);
        if (declared != null && !declared.isBlank()) {
            return declared.trim();
        }
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.readLine();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || out == null) {
                return null;
            }
            return out.trim();
        } catch (Exception e) {
            return null;
        }
    }
}
