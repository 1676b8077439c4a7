package org.epnsj.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epnsj.starter.Poms.managedDependencyVersion;
import static org.epnsj.starter.Poms.managedPluginVersion;
import static org.epnsj.starter.Poms.text;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The BOM and the plugin parent have no parent of their own (a plugin project must not inherit the
 * repository's build), so they repeat versions of the root pom: these tests hold them equal.
 */
class StarterPomsTest {

    private final Document root = Poms.read("pom.xml");
    private final Document bom = Poms.read("epns-bom/pom.xml");
    private final Document parent = Poms.read("plugin-parent/pom.xml");
    private final Document template = Poms.read("plugin-template/pom.xml");
    private final String version = text(root, "/project/version");

    @Test
    void theBomPinsThisBuildAndTheEnginesItWasBuiltWith() {
        assertThat(text(bom, "/project/artifactId")).isEqualTo("epns-bom");
        assertThat(text(bom, "/project/groupId")).isEqualTo(text(root, "/project/groupId"));
        assertThat(text(bom, "/project/version")).isEqualTo(version);
        assertThat(text(bom, "/project/parent")).as("the BOM has no parent").isNull();
        for (String property : new String[] {"djl.version", "mxnet.native.version", "pytorch.native.version"}) {
            assertThat(text(bom, "/project/properties/" + property)).as(property)
                    .isEqualTo(text(root, "/project/properties/" + property));
        }
        for (String artifact : new String[] {"epns-api", "epns-runtime", "epns-conformance-tests"}) {
            assertThat(managedDependencyVersion(bom, artifact)).as(artifact).isEqualTo("${project.version}");
        }
        assertThat(managedDependencyVersion(bom, "bom")).isEqualTo("${djl.version}");
        assertThat(text(root, "/project/properties/pytorch.native.flavor")).as("the BOM pins the cpu natives").isEqualTo("cpu");
    }

    @Test
    void thePluginParentImportsThisBuildsBomAndTestsAsTheRootDoes() {
        assertThat(text(parent, "/project/artifactId")).isEqualTo("epns-plugin-parent");
        assertThat(text(parent, "/project/version")).isEqualTo(version);
        assertThat(text(parent, "/project/parent")).as("the plugin parent has no parent").isNull();
        // A literal: ${project.version} in a child project would be the child's own version.
        assertThat(text(parent, "/project/properties/epns.version")).isEqualTo(version);
        assertThat(managedDependencyVersion(parent, "epns-bom")).isEqualTo("${epns.version}");
        for (String property : new String[] {"junit.version", "assertj.version", "slf4j.version"}) {
            assertThat(text(parent, "/project/properties/" + property)).as(property)
                    .isEqualTo(text(root, "/project/properties/" + property));
        }
        for (String plugin : new String[] {"maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin",
            "maven-resources-plugin", "maven-install-plugin", "maven-clean-plugin"}) {
            assertThat(managedPluginVersion(parent, plugin)).as(plugin).isEqualTo(managedPluginVersion(root, plugin));
        }
        assertThat(managedPluginVersion(parent, "maven-failsafe-plugin")).as("failsafe is released with surefire")
                .isEqualTo(managedPluginVersion(root, "maven-surefire-plugin"));
        String surefire = "/project/build/pluginManagement/plugins/plugin[artifactId='maven-surefire-plugin']/configuration/";
        assertThat(text(parent, surefire + "failIfNoTests")).isEqualTo("${epns.failIfNoTests}");
        assertThat(text(parent, "/project/properties/epns.failIfNoTests")).isEqualTo("true");
        assertThat(text(parent, surefire + "trimStackTrace")).isEqualTo("true");
        // Reports name the kit's dynamic tests by their display names (rule [plugin, g=element]).
        String phrased = "statelessTestsetReporter/usePhrasedTestCaseMethodName";
        assertThat(text(parent, surefire + phrased)).isEqualTo("true");
        assertThat(text(root, surefire + phrased)).isEqualTo("true");
        assertThat(text(parent, surefire.replace("surefire", "failsafe") + phrased)).isEqualTo("true");
        assertThat(text(parent, surefire + "systemPropertyVariables/ai.djl.offline")).isEqualTo("true");
        assertThat(text(parent, surefire + "environmentVariables/DJL_OFFLINE")).isEqualTo("true");
        assertThat(text(parent, "/project/profiles/profile[id='slow']/properties/surefire.excludedGroups")).isEqualTo("none");
    }

    @Test
    void theTemplateUsesThePluginParentOfThisBuild() {
        assertThat(text(template, "/project/parent/artifactId")).isEqualTo("epns-plugin-parent");
        assertThat(text(template, "/project/parent/version")).isEqualTo(version);
        assertThat(text(template, "/project/groupId")).as("a third party's own group").isNotEqualTo("org.epnsj");
    }
}
