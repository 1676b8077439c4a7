package org.epnsj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --spark from epns.jar alone: the spark module is not on this module's class path. */
class SparkOptionTest {

    @Test
    void withoutTheSparkModuleTheOptionSaysHowToGetIt(@TempDir Path tmp) {
        EpnsCommandTest.Result r = EpnsCommandTest.run("generate", "nbody", "--preset", "tiny", "--out",
                tmp.resolve("out").toString(), "--spark");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("epns: error: --spark needs the spark module and Spark's jars")
                .contains("./epns").hasLineCount(1);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void anEmptyValueMeansTheSubmittedMasterElseLocal() {
        String before = System.getProperty("spark.master");
        try {
            System.clearProperty("spark.master");
            assertThat(ClusterJobs.master("")).isEqualTo("local[*]");
            assertThat(ClusterJobs.master("local[2]")).isEqualTo("local[2]");
            System.setProperty("spark.master", "yarn");
            assertThat(ClusterJobs.master("")).isEqualTo("yarn");
            assertThat(ClusterJobs.master("local[2]")).isEqualTo("local[2]");
        } finally {
            if (before == null) {
                System.clearProperty("spark.master");
            } else {
                System.setProperty("spark.master", before);
            }
        }
    }
}
