package org.epnsj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.SymmetryProvider;
import org.epnsj.cli.EpnsCommandTest.Result;
import org.epnsj.runtime.plugin.PluginConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars from the plugins folder and EPNS_PLUGIN_PATH, as the command line loads them. */
class PluginLoaderTest {

    private static final String SYMMETRY_SPI = SymmetryProvider.class.getName();
    private static final String DOMAIN_SPI = DomainProvider.class.getName();

    @AfterEach
    void clearPluginPath() {
        System.clearProperty(PluginLoader.FOLDER_PROPERTY);
        System.clearProperty(PluginLoader.PATH_PROPERTY);
    }

    private static Result withPlugins(Path folder, String path, String... args) {
        if (folder != null) {
            System.setProperty(PluginLoader.FOLDER_PROPERTY, folder.toString());
        }
        if (path != null) {
            System.setProperty(PluginLoader.PATH_PROPERTY, path);
        }
        return EpnsCommandTest.run(args);
    }

    private static Path symmetryJar(Path jar, String className, String id) throws Exception {
        return PluginJars.build(jar, Map.of(className, PluginJars.symmetry(className, id, "0.3.1")),
                Map.of(SYMMETRY_SPI, List.of(className)));
    }

    private static JsonObject entry(JsonObject doc, String kind, String id) {
        for (JsonElement e : doc.getAsJsonArray(kind)) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + kind + " entry '" + id + "' in " + doc);
    }

    @Test
    void jarsOfThePluginsFolderAndThePathAreListedWithTheirJarsAndWork(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Path symmetry = symmetryJar(folder.resolve("turns-0.3.1.jar"), "com.example.turns.TurnsProvider", "turns");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path domain = PluginJars.build(elsewhere.resolve("planar.jar"),
                Map.of("com.example.planar.PlanarDomain",
                        PluginJars.domain("com.example.planar.PlanarDomain", "planar-test", "2.0.0", "turns")),
                Map.of(DOMAIN_SPI, List.of("com.example.planar.PlanarDomain")));

        Result text = withPlugins(folder, elsewhere.toString(), "domains");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("turns +0\\.3\\.1 +test symmetry turns")
                .contains("from " + symmetry).containsPattern("planar-test +2\\.0\\.0 +test domain planar-test")
                .contains("from " + domain).contains("nbody");
        // Built-in plugins carry no jar line.
        assertThat(text.out().lines().filter(l -> l.contains(" from ")).count()).isEqualTo(2);

        Result json = withPlugins(folder, elsewhere.toString(), "domains", "--json");
        JsonObject doc = JsonParser.parseString(json.out()).getAsJsonObject();
        JsonObject turns = entry(doc, "symmetries", "turns");
        assertThat(turns.get("jar").getAsString()).isEqualTo(symmetry.toString());
        assertThat(turns.get("builtIn").getAsBoolean()).isFalse();
        assertThat(turns.get("version").getAsString()).isEqualTo("0.3.1");
        assertThat(entry(doc, "domains", "planar-test").get("jar").getAsString()).isEqualTo(domain.toString());
        assertThat(entry(doc, "symmetries", "so2").get("builtIn").getAsBoolean()).isTrue();
        assertThat(doc.getAsJsonArray("pluginJars").toString()).contains(symmetry.getFileName().toString())
                .contains(domain.getFileName().toString());

        // The plugin is usable, not only listed: its domain generates a data set.
        Path data = dir.resolve("data");
        Result generate = withPlugins(folder, elsewhere.toString(), "generate", "planar-test", "--preset", "tiny",
                "--out", data.toString());
        assertThat(generate.code()).as(generate.err()).isZero();
        assertThat(Files.readString(data.resolve("dataset.json"))).contains("\"planar-test\"");
    }

    @Test
    void twoPluginsWithOneIdFailInOneLineNamingBothJars(@TempDir Path dir) throws Exception {
        Path first = symmetryJar(dir.resolve("a.jar"), "com.example.a.TurnsProvider", "turns");
        Path second = symmetryJar(dir.resolve("b.jar"), "com.example.b.TurnsProvider", "turns");
        Result r = withPlugins(null, first + File.pathSeparator + second, "domains");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("epns: error: duplicate symmetry id 'turns': ")
                .contains(first.toString()).contains(second.toString());
    }

    @Test
    void aSecondCopyOfOnePluginJarFailsNamingBothJars(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Path old = symmetryJar(folder.resolve("turns-0.3.0.jar"), "com.example.turns.TurnsProvider", "turns");
        Path copy = Files.copy(old, folder.resolve("turns-0.3.1.jar"));
        Result r = withPlugins(folder, null, "domains");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("epns: error: duplicate symmetry id 'turns': ")
                .contains(old.toString()).contains(copy.toString());
    }

    @Test
    void aPluginWithABuiltInIdFailsNamingItsJar(@TempDir Path dir) throws Exception {
        Path jar = symmetryJar(dir.resolve("my-so2.jar"), "com.example.MySo2", "so2");
        Result r = withPlugins(null, jar.toString(), "domains");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("epns: error: duplicate symmetry id 'so2': ")
                .contains("org.epnsj.examples.so2.So2SymmetryProvider").contains("com.example.MySo2 in " + jar);
    }

    @Test
    void aBadPluginPathIsOneLineNamingTheEntry(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-folder");
        Result r = withPlugins(null, dir + File.pathSeparator + missing, "domains");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("epns: error: EPNS_PLUGIN_PATH: no such folder or jar: " + missing);

        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        Result b = withPlugins(null, dir.toString(), "generate", "linear-gaussian", "--preset", "tiny", "--out",
                dir.resolve("data").toString());
        assertThat(b.code()).isEqualTo(1);
        assertThat(b.err().strip()).doesNotContain("\n")
                .startsWith("epns: error: cannot read plugin jar " + broken + ": not a jar (");
        assertThat(dir.resolve("data")).doesNotExist();

        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> PluginLoader.jars(null, text.toString())).isInstanceOf(PluginConfigurationException.class)
                .hasMessage("EPNS_PLUGIN_PATH: " + text + " is neither a folder nor a .jar file");
        Path file = Files.writeString(dir.resolve("plugins-file"), "x");
        assertThatThrownBy(() -> PluginLoader.jars(file, null)).isInstanceOf(PluginConfigurationException.class)
                .hasMessage("the plugins folder " + file + " is a file, not a folder");
    }

    @Test
    void aServiceEntryWhoseClassIsMissingNamesTheJarThatListsIt(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.build(dir.resolve("hollow.jar"), Map.of(),
                Map.of(DOMAIN_SPI, List.of("com.example.Missing")));
        Result r = withPlugins(null, jar.toString(), "domains");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("epns: error: cannot load a domain plugin (listed in " + jar + "): ")
                .contains("com.example.Missing");
    }

    @Test
    void aJarWithoutReadPermissionIsNamed(@TempDir Path dir) throws Exception {
        Path jar = symmetryJar(dir.resolve("locked.jar"), "com.example.Locked", "locked");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("-w-------"));
        assumeFalse(Files.isReadable(jar), "running as a user who reads any file (root): permissions do not apply");
        assertThatThrownBy(() -> PluginLoader.jars(null, jar.toString())).isInstanceOf(PluginConfigurationException.class)
                .hasMessage("cannot read plugin jar " + jar + ": permission denied");
    }

    @Test
    void anAbsentPluginsFolderMeansNoPluginJarsAndFoldersListJarsOnceInNameOrder(@TempDir Path dir) throws Exception {
        assertThat(PluginLoader.jars(dir.resolve("plugins"), null)).isEmpty();
        assertThat(PluginLoader.jars(null, File.pathSeparator + " " + File.pathSeparator)).isEmpty();
        Path b = symmetryJar(dir.resolve("b.jar"), "com.example.B", "b");
        Path a = symmetryJar(dir.resolve("a.jar"), "com.example.A", "a");
        Files.writeString(dir.resolve("readme.txt"), "not a jar, ignored in a folder");
        assertThat(PluginLoader.jars(dir, b.toString())).containsExactly(a, b);
    }
}
