package org.epnsj.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.SparkConf;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.cli.EpnsCommand;
import org.epnsj.runtime.io.DatasetManifest;
import org.epnsj.runtime.io.NpyTrajectoryCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party domain from a plugin jar under {@code --spark}: the plugin template's sources are
 * compiled into a jar here, off the test class path, and handed to the command line through
 * {@code EPNS_PLUGIN_PATH} (its system-property form), as the launcher does.
 */
class SparkPluginJarTest {

    private static final String PATH_PROPERTY = "epnsj.plugin.path";
    private static final Path TEMPLATE = Path.of("..", "plugin-template", "src", "main");

    @TempDir
    static Path jarFolder;

    private static Path pluginJar;
    private static String previousPath;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildThePluginJar() throws IOException, URISyntaxException {
        pluginJar = compileTemplate(jarFolder);
        previousPath = System.setProperty(PATH_PROPERTY, pluginJar.toString());
    }

    @AfterAll
    static void restore() {
        if (previousPath == null) {
            System.clearProperty(PATH_PROPERTY);
        } else {
            System.setProperty(PATH_PROPERTY, previousPath);
        }
    }

    @Test
    void generatesAPluginDomainOnLocalTwoWithTheSameBytesAsThePlainCommand() throws IOException {
        assertThatThrownBy(() -> Class.forName("org.example.epns.hexdrift.HexDriftDomain"))
                .as("the plugin is only in its jar").isInstanceOf(ClassNotFoundException.class);
        Path plain = tmp.resolve("plain");
        Path spark = tmp.resolve("spark");

        assertThat(run("generate", "hex-drift", "--preset", "tiny", "--out", plain.toString(), "--seed", "5")).isZero();
        assertThat(run("generate", "hex-drift", "--preset", "tiny", "--out", spark.toString(), "--seed", "5",
                "--spark=local[2]")).isZero();

        List<Path> files = files(plain);
        assertThat(files).filteredOn(f -> f.toString().endsWith(".npy")).hasSizeGreaterThan(4);
        assertThat(files(spark)).isEqualTo(files);
        for (Path f : files) {
            if (!f.toString().equals(DatasetManifest.FILE_NAME)) {
                assertThat(Files.mismatch(plain.resolve(f), spark.resolve(f))).as(f.toString()).isEqualTo(-1L);
            }
        }
    }

    @Test
    void shipsThePluginJarsToExecutorsInOtherJvmsOnly() {
        Path other = jarFolder.resolve("other.jar");
        List<Path> jars = List.of(pluginJar, other);

        SparkConf cluster = SparkContexts.conf("spark://head:7077", "test", jars);
        assertThat(cluster.get("spark.jars").split(","))
                .containsExactly(pluginJar.toUri().toString(), other.toUri().toString());
        assertThat(SparkContexts.conf("local-cluster[2,1,1024]", "test", jars).get("spark.jars", ""))
                .contains(pluginJar.toUri().toString());
        for (String local : List.of("local", "local[2]", "local[*]", "local[2,2]")) {
            assertThat(SparkContexts.conf(local, "test", jars).contains("spark.jars")).as(local).isFalse();
        }
    }

    @Test
    void aJarListedByJarsIsNotShippedTwice() {
        String previous = System.setProperty("spark.jars", "/opt/jobs/epns-spark.jar,file:/opt/jobs/"
                + pluginJar.getFileName());
        try {
            assertThat(SparkContexts.conf("yarn", "test", List.of(pluginJar)).get("spark.jars").split(","))
                    .containsExactly("/opt/jobs/epns-spark.jar", "file:/opt/jobs/" + pluginJar.getFileName());
        } finally {
            if (previous == null) {
                System.clearProperty("spark.jars");
            } else {
                System.setProperty("spark.jars", previous);
            }
        }
    }

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        int code = EpnsCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        assertThat(err.toString()).as("standard error of %s", List.of(args)).doesNotContain("error:");
        return code;
    }

    /** Compiles the plugin template's main sources against the test's class path and jars them with its services. */
    static Path compileTemplate(Path folder) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        Path classes = Files.createDirectories(folder.resolve("classes"));
        List<String> sources;
        try (Stream<Path> s = Files.walk(TEMPLATE.resolve("java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classPath = String.join(java.io.File.pathSeparator, location(DomainProvider.class),
                location(NpyTrajectoryCodec.class), location(NDArray.class));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-cp", classPath, "-d",
                classes.toString()));
        args.addAll(sources);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int code = javac.run(null, log, log, args.toArray(String[]::new));
        assertThat(code).as("javac of the plugin template %s", log).isZero();
        Path jar = folder.resolve("epns-hex-drift.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes);
            add(out, TEMPLATE.resolve("resources"));
        }
        return jar.toAbsolutePath();
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
