package org.epnsj.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.epnsj.runtime.io.Npy;
import org.epnsj.runtime.io.NpyArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * What a third party does: copies plugin-template into a folder of its own, builds it with Maven
 * against the installed EPNS-J artifacts (offline, this build's local repository), checks that its
 * conformance tests ran and passed, drops the jar into a plugins folder and runs the plugin through
 * {@code ./epns}: domains, generate, train, sample and evaluate. It also checks that a project whose
 * tests are gone fails instead of passing, and that the launcher names both jars of a clash.
 *
 * <p>It needs {@code mvn} on the PATH and the artifacts of this checkout installed: run it with
 * {@code mvn -B install -Pslow} (every module is installed before this one's tests run), or after
 * {@code mvn -B install -DskipTests} with {@code mvn -B verify -Pslow -pl plugin-starter-test}.
 */
@Tag("slow")
class ThirdPartyPluginTest {

    private static final String PLUGIN_JAR = "epns-hex-drift-1.0.0-SNAPSHOT.jar";
    private static final long BUILD_MINUTES = 20;
    private static final long COMMAND_MINUTES = 10;

    /** The outcome of a subprocess: exit code, standard output, standard error and wall time. */
    record Outcome(int code, String out, String err, double seconds) {}

    @Test
    void aPluginProjectFromTheTemplateBuildsAgainstTheInstalledArtifactsAndRunsThroughTheLauncher(@TempDir Path dir)
            throws Exception {
        Optional<Path> mvn = onPath("mvn");
        assumeTrue(mvn.isPresent(), "mvn is not on the PATH: the third-party build cannot run here");
        Path root = Poms.root();
        Path repo = Path.of(System.getProperty("epnsj.maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        String version = Poms.text(Poms.read("pom.xml"), "/project/version");
        requireInstalledFromThisCheckout(root, repo, version);

        // 1. Generate: the template, copied as a third party would, away from the repository.
        Path project = dir.resolve("hex-drift");
        copyTree(root.resolve("plugin-template"), project);
        List<String> maven = List.of(mvn.get().toString(), "-B", "-o", "verify", "-Dmaven.repo.local=" + repo,
                "-Depns.djl.cache.dir=" + root.resolve("target").resolve("djl-cache"));

        // 2. Build and test it; its kit tests must have run and passed.
        Outcome build = run(project, maven, Map.of(), BUILD_MINUTES, dir.resolve("build.log"));
        assertThat(build.code()).as("mvn verify of the plugin project failed:%n%s", tail(build.out(), 60)).isZero();
        Map<String, int[]> reports = surefireReports(project.resolve("target").resolve("surefire-reports"));
        int tests = reports.values().stream().mapToInt(c -> c[0]).sum();
        int failed = reports.values().stream().mapToInt(c -> c[1] + c[2]).sum();
        assertThat(reports).as("the kit's discovery suite ran").containsKey("org.example.epns.PluginConformanceTest");
        assertThat(reports.get("org.example.epns.PluginConformanceTest")[0]).isGreaterThan(0);
        assertThat(tests).isGreaterThan(0);
        assertThat(failed).isZero();
        assertThat(project.resolve("target").resolve("conformance-report.json")).isRegularFile();
        Path jar = project.resolve("target").resolve(PLUGIN_JAR);
        assertThat(jar).isRegularFile();

        // The parent's guard: a project whose tests are gone fails instead of reporting success.
        Path untested = dir.resolve("untested");
        copyTree(root.resolve("plugin-template"), untested);
        deleteTree(untested.resolve("src").resolve("test"));
        Outcome noTests = run(untested, List.of(mvn.get().toString(), "-B", "-o", "verify", "-Dmaven.repo.local=" + repo),
                Map.of(), BUILD_MINUTES, dir.resolve("untested.log"));
        assertThat(noTests.code()).as("a plugin project without tests must fail").isNotZero();
        assertThat(noTests.out()).contains("No tests to run");

        // 3. Drop the jar into a plugins folder and use it through the launcher.
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path installed = Files.copy(jar, plugins.resolve(PLUGIN_JAR));
        Map<String, String> env = Map.of("EPNS_PLUGIN_PATH", plugins.toString());
        List<Outcome> steps = new ArrayList<>();

        Outcome domains = epns(root, dir, env, steps, "domains");
        assertThat(domains.out()).containsPattern("c6 +1\\.0\\.0 +C6")
                .containsPattern("hex-drift +1\\.0\\.0 +a particle").contains("from " + installed)
                .contains("linear-gaussian");

        Path data = dir.resolve("data");
        epns(root, dir, env, steps, "generate", "hex-drift", "--preset", "tiny", "--out", data.toString());
        assertThat(Files.readString(data.resolve("dataset.json"))).contains("\"hex-drift\"");

        Path run = dir.resolve("run");
        epns(root, dir, env, steps, "train", "hex-drift", "--data", data.toString(), "--out", run.toString(),
                "--epochs", "2");
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(2);
        assertThat(Files.readString(run.resolve("provenance.json"))).contains("hex-drift").contains("1.0.0");

        Path samples = dir.resolve("samples.npy");
        epns(root, dir, env, steps, "sample", "--run", run.toString(), "--data", data.toString(), "--split", "test",
                "--steps", "5", "--samples", "2", "--out", samples.toString());
        NpyArray sampled = Npy.read(samples);
        assertThat(sampled.shape()).as("16 test trajectories, 2 samples, 6 frames, a planar state")
                .containsExactly(16, 2, 6, 2);

        Path report = dir.resolve("evaluation.json");
        epns(root, dir, env, steps, "evaluate", "--run", run.toString(), "--data", data.toString(), "--json",
                report.toString());
        JsonObject evaluation = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertThat(evaluation.get("domain").getAsString()).isEqualTo("hex-drift");
        JsonObject metrics = evaluation.getAsJsonObject("metrics");
        for (String metric : new String[] {"testNegativeElbo", "trueTransitionNll", "nllGap", "meanRadiusData20",
            "meanRadiusModel20", "wellAlignmentData20", "wellAlignmentModel20"}) {
            assertThat(metrics.has(metric)).as(metric).isTrue();
            assertThat(Double.isFinite(metrics.get(metric).getAsDouble())).as(metric).isTrue();
        }
        assertThat(evaluation.getAsJsonObject("provenance").get("run").getAsString()).isEqualTo("run");

        // A second copy of the plugin: one line naming both jars, a non-zero exit code.
        Path copy = Files.copy(jar, plugins.resolve("epns-hex-drift-copy.jar"));
        Outcome clash = run(dir, List.of(root.resolve("epns").toString(), "domains"), env, COMMAND_MINUTES, null);
        assertThat(clash.code()).isEqualTo(1);
        assertThat(clash.err().strip()).doesNotContain("\n").startsWith("epns: error: duplicate symmetry id 'c6'")
                .contains(installed.toString()).contains(copy.toString());
        Outcome missing = run(dir, List.of(root.resolve("epns").toString(), "domains"),
                Map.of("EPNS_PLUGIN_PATH", dir.resolve("no-plugins-here").toString()), COMMAND_MINUTES, null);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("epns: error: EPNS_PLUGIN_PATH: no such folder or jar: "
                + dir.resolve("no-plugins-here"));

        System.out.printf("third-party plugin: mvn verify of the generated project %.1f s (%d tests), without tests "
                + "%.1f s; launcher %s%n", build.seconds(), tests, noTests.seconds(),
                String.join(", ", steps.stream().map(s -> String.format("%.1f s", s.seconds())).toList()));
    }

    /** Runs {@code ./epns args} and requires exit code 0. */
    private static Outcome epns(Path root, Path dir, Map<String, String> env, List<Outcome> steps, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("epns").toString()));
        command.addAll(Arrays.asList(args));
        Outcome o = run(dir, command, env, COMMAND_MINUTES, null);
        assertThat(o.code()).as("./epns %s failed: %s", String.join(" ", args), tail(o.err(), 20)).isZero();
        steps.add(o);
        return o;
    }

    /**
     * Runs a command in {@code dir} with one thread per native library and the extra environment,
     * keeping standard output and error apart; {@code log}, if given, receives both.
     */
    private static Outcome run(Path dir, List<String> command, Map<String, String> env, long minutes, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("EPNS_PLUGIN_PATH");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            fail(String.join(" ", command) + " did not finish in " + minutes + " minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        if (log != null) {
            Files.writeString(log, stdout + stderr);
        }
        return new Outcome(p.exitValue(), stdout, stderr, seconds);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(s -> Path.of(s, program))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * The build under test must be this checkout's: the installed POMs must be the checkout's files and
     * the installed jars must hold the same classes as the modules' freshly built jars.
     */
    private static void requireInstalledFromThisCheckout(Path root, Path repo, String version) throws IOException {
        String advice = "run `mvn -B install -DskipTests` in " + root + " first (or run the slow tier with"
                + " `mvn -B install -Pslow`)";
        Map<String, String> poms = Map.of("epns-parent", "pom.xml", "epns-bom", "epns-bom/pom.xml", "epns-plugin-parent",
                "plugin-parent/pom.xml", "epns-api", "api/pom.xml", "epns-runtime", "runtime/pom.xml",
                "epns-conformance-tests", "conformance-tests/pom.xml");
        for (Map.Entry<String, String> pom : poms.entrySet()) {
            Path installed = repo.resolve("org/epnsj").resolve(pom.getKey()).resolve(version)
                    .resolve(pom.getKey() + "-" + version + ".pom");
            if (!Files.isRegularFile(installed)) {
                fail("org.epnsj:" + pom.getKey() + ":" + version + " is not installed in " + repo + ": " + advice);
            }
            if (!Files.readString(installed).equals(Files.readString(root.resolve(pom.getValue())))) {
                fail("the installed " + pom.getKey() + " pom differs from " + pom.getValue() + ": " + advice);
            }
        }
        for (String module : new String[] {"api", "runtime", "conformance-tests"}) {
            String artifact = "epns-" + module;
            Path installed = repo.resolve("org/epnsj").resolve(artifact).resolve(version)
                    .resolve(artifact + "-" + version + ".jar");
            Path built = root.resolve(module).resolve("target").resolve(artifact + "-" + version + ".jar");
            if (!Files.isRegularFile(installed)) {
                fail(installed + " is missing: " + advice);
            }
            if (Files.isRegularFile(built) && !contents(installed).equals(contents(built))) {
                fail("the installed " + artifact + " jar is not the one built in " + module + "/target: " + advice);
            }
        }
    }

    /** Entry name to CRC of a jar's classes and resources (not its manifest or Maven metadata, which carry dates). */
    private static Map<String, Long> contents(Path jar) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(f.entries())) {
                if (!e.isDirectory() && !e.getName().startsWith("META-INF/maven/")
                        && !e.getName().equals("META-INF/MANIFEST.MF")) {
                    out.put(e.getName(), e.getCrc());
                }
            }
        }
        return out;
    }

    /** Test class name to (tests, failures, errors, skipped) from surefire's XML reports. */
    private static Map<String, int[]> surefireReports(Path folder) throws Exception {
        Map<String, int[]> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile())
                        .getDocumentElement();
                out.put(suite.getAttribute("name"), new int[] {Integer.parseInt(suite.getAttribute("tests")),
                    Integer.parseInt(suite.getAttribute("failures")), Integer.parseInt(suite.getAttribute("errors")),
                    Integer.parseInt(suite.getAttribute("skipped"))});
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path relative = from.relativize(p);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
