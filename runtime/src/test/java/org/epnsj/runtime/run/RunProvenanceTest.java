package org.epnsj.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunProvenanceTest {

    @Test
    void theLaunchersCommitWinsOverTheWorkingDirectory() {
        String before = System.getProperty(RunProvenance.COMMIT_PROPERTY);
        try {
            System.setProperty(RunProvenance.COMMIT_PROPERTY, " abc1234-dirty ");
            assertThat(RunProvenance.gitDescribe()).isEqualTo("abc1234-dirty");
            System.setProperty(RunProvenance.COMMIT_PROPERTY, "");
            // Blank means "not declared": the working directory's repository (this clone) answers.
            assertThat(RunProvenance.gitDescribe()).isNotEqualTo("");
        } finally {
            if (before == null) {
                System.clearProperty(RunProvenance.COMMIT_PROPERTY);
            } else {
                System.setProperty(RunProvenance.COMMIT_PROPERTY, before);
            }
        }
    }
}
