package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void textIsEscapedEverywhere() {
        String html = new HtmlReport("a <b> & \"c\"").heading("<h2>").paragraph("x < y & y > z")
                .table(List.of("model", "<th>"), List.of(List.of("'quoted'", "1 & 2")))
                .code("./epns train --out \"<dir>\"").html();
        assertThat(html).contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>")
                .contains("<h2>&lt;h2&gt;</h2>").contains("<p>x &lt; y &amp; y &gt; z</p>")
                .contains("<th>&lt;th&gt;</th>").contains("<td>&#39;quoted&#39;</td>").contains("<td>1 &amp; 2</td>")
                .contains("./epns train --out &quot;&lt;dir&gt;&quot;").doesNotContain("<b>").doesNotContain("<dir>");
    }

    @Test
    void imagesAreEmbeddedAsDataUrisThatDecodeToTheFile() throws IOException {
        Path png = dir.resolve("chart.png");
        Charts.lines(png, "t", "x", "y", List.of(Series.of("a", new double[] {0, 1}, new double[] {0, 1})));
        Path gif = dir.resolve("roll.gif");
        CellFrames.gif(gif, "t", List.of(new CellFrames.Frame(new int[][] {{1}}, new int[][] {{1}})), 100);
        String html = new HtmlReport("r").image(png, "energy <median>").image(gif, "rollout").html();

        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(Base64.getDecoder().decode(m.group(1))).isEqualTo(Files.readAllBytes(png));
        Matcher g = Pattern.compile("src=\"data:image/gif;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertThat(g.find()).isTrue();
        assertThat(Base64.getDecoder().decode(g.group(1))).isEqualTo(Files.readAllBytes(gif));
        assertThat(html).contains("<figcaption>energy &lt;median&gt;</figcaption>");
        assertThat(html.toLowerCase()).doesNotContain("src=\"http").doesNotContain("href=\"http")
                .doesNotContain("<link").doesNotContain("<script");
    }

    @Test
    void unknownImageTypesAreRejected() throws IOException {
        Path svg = Files.writeString(dir.resolve("a.svg"), "<svg/>");
        assertThatThrownBy(() -> new HtmlReport("r").image(svg, "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.svg");
    }

    @Test
    void keyValuesRenderNestedMapsAsNestedLists() {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("name", "MXNet");
        engine.put("version", "1.9.1");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("commit", "abc<1>");
        values.put("engine", engine);
        values.put("seeds", List.of(1, 2, 3));
        String html = new HtmlReport("r").keyValues("provenance", values).html();
        assertThat(html).contains("<h3>provenance</h3>").contains("<li><b>commit</b>: abc&lt;1&gt;</li>")
                .contains("<li><b>seeds</b>: [1, 2, 3]</li>");
        int outer = html.indexOf("<b>engine</b>");
        int nested = html.indexOf("<ul class=\"kv\">", outer);
        assertThat(outer).isPositive();
        assertThat(nested).isGreaterThan(outer).isLessThan(html.indexOf("<b>name</b>"));
    }

    @Test
    void tablesMustBeRectangular() {
        assertThatThrownBy(() -> new HtmlReport("r").table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has 1 cells but the header has 2");
    }

    @Test
    void writeStoresThePageAsUtf8() throws IOException {
        HtmlReport report = new HtmlReport("Résultats ± σ").paragraph("10–90 %");
        Path html = dir.resolve("out/report.html");
        report.write(html);
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).isEqualTo(report.html()).contains("Résultats ± σ")
                .contains("<meta charset=\"utf-8\">");
        assertThat(Pixels.hiddenFiles(html.getParent())).isZero();
    }
}
