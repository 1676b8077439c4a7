package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void markdownTableEscapesPipesAndLineBreaks() {
        String table = Tables.markdownTable(List.of("model", "KS | total"),
                List.of(List.of("EPNS", "0.1"), Arrays.asList("a\nb", null)));
        assertThat(table).isEqualTo("""
                | model | KS \\| total |
                |---|---|
                | EPNS | 0.1 |
                | a b |  |
                """);
    }

    @Test
    void everyRowNeedsAsManyCellsAsTheHeader() {
        assertThatThrownBy(() -> Tables.markdownTable(List.of("a"), List.of(List.of("1", "2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has 2 cells but the header has 1");
        assertThatThrownBy(() -> Tables.markdownTable(List.of(), List.of())).hasMessageContaining("at least one column");
    }

    @Test
    void textTableAlignsColumnsToTheirWidestCell() {
        String table = Tables.textTable(List.of("metric", "EPNS", "PNS-GNN"),
                List.of(List.of("test negative ELBO", "-96.1", "-61.2"), Arrays.asList("KS", null, "1")));
        assertThat(table).isEqualTo("""
                metric               EPNS  PNS-GNN
                ----------------------------------
                test negative ELBO  -96.1    -61.2
                KS                               1
                """);
    }
}
