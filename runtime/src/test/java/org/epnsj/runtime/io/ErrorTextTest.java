package org.epnsj.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void shownTextIsOneShortLine() {
        assertThat(ErrorText.shown("a\nb\tc\u0000d", 100)).isEqualTo("a\\nb\\tc\\u0000d");
        assertThat(ErrorText.shown("y".repeat(1000), 10)).isEqualTo("yyyyyyyyyy...");
        assertThat(ErrorText.shown("short", 10)).isEqualTo("short");
        assertThat(ErrorText.shown(null, 10)).isEqualTo("null");
    }

    /** Gson's messages carry a class name, a second line with a link, and paths as long as the nesting. */
    @Test
    void gsonErrorsLoseTheirClassNameLinkAndLongPath() {
        Throwable missingColon = catchThrowable(() -> JsonParser.parseString("{\"a\" 1}"));
        assertThat(missingColon.getMessage()).contains("\n").contains("com.google.gson");
        assertThat(ErrorText.json(missingColon)).doesNotContain("\n").doesNotContain("com.google").doesNotContain("See ")
                .contains("at line 1 column");

        Throwable deep = catchThrowable(() -> JsonParser.parseString("[".repeat(1000) + "]".repeat(1000)));
        String text = ErrorText.json(deep);
        assertThat(text).startsWith("Nesting limit 255 reached at line 1 column").hasSizeLessThan(120)
                .endsWith("...");
    }
}
