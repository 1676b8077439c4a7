package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellFramesTest {

    @TempDir
    Path dir;

    /** An 8 x 8 grid: medium in the top rows, cell 1 (type 1) on the left, cell 2 (type 2) on the right. */
    private static CellFrames.Frame twoCells() {
        int[][] ids = new int[8][8];
        int[][] types = new int[8][8];
        for (int i = 2; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                ids[i][j] = j < 4 ? 1 : 2;
                types[i][j] = j < 4 ? 1 : 2;
            }
        }
        return new CellFrames.Frame(ids, types);
    }

    @Test
    void scaleGivesAbout160PixelsFor32SitesAnd300For100() {
        assertThat(32 * CellFrames.scaleFor(32, 32)).isEqualTo(160);
        assertThat(100 * CellFrames.scaleFor(100, 100)).isEqualTo(300);
        assertThat(CellFrames.scaleFor(8, 8)).isEqualTo(10);
        assertThat(CellFrames.scaleFor(2000, 10)).isEqualTo(1);
    }

    @Test
    void panelOfTwoRowsAndThreeColumnsHasTheLaidOutSizeAndColours() throws IOException {
        Path png = dir.resolve("panel.png");
        List<List<CellFrames.Frame>> rows = List.of(List.of(twoCells(), twoCells(), twoCells()),
                List.of(twoCells(), twoCells(), twoCells()));
        CellFrames.panel(png, "t", List.of("a", "b"), List.of("step 0", "step 1", "step 2"), rows);
        BufferedImage image = Pixels.read(png);
        // margin 16 + row labels 120 + 3 frames of 80 + 2 gaps of 8 + legend gap 16 + legend 110 + margin 16
        assertThat(image.getWidth()).isEqualTo(534);
        // margin 16 + title 32 + column labels 24 + 2 frames of 80 + gap 8 + margin 16
        assertThat(image.getHeight()).isEqualTo(256);

        PanelLayout layout = PanelLayout.of("t", List.of("a", "b"), 3, 8, 8, 3);
        int x0 = layout.frameX(2);
        int y0 = layout.frameY(1);
        // Site (5, 1) is inside cell 1, site (5, 6) inside cell 2, site (0, 0) is medium.
        assertThat(Pixels.at(image, x0 + 15, y0 + 55)).isEqualTo(CellFrames.typeColor(1));
        assertThat(Pixels.at(image, x0 + 65, y0 + 55)).isEqualTo(CellFrames.typeColor(2));
        assertThat(Pixels.at(image, x0 + 5, y0 + 5)).isEqualTo(CellFrames.typeColor(0));
        // The last pixel column of site (5, 3) borders cell 2: a dark boundary; the one before is not.
        assertThat(dark(Pixels.at(image, x0 + 39, y0 + 55))).isTrue();
        assertThat(dark(Pixels.at(image, x0 + 38, y0 + 55))).isFalse();
        // The last pixel row of site (1, 1) borders cell 1 below it.
        assertThat(dark(Pixels.at(image, x0 + 15, y0 + 19))).isTrue();
        // The legend shows the two types and the medium.
        assertThat(Pixels.count(image, CellFrames.typeColor(1), 0, layout.legendX(), 0, image.getWidth(),
                image.getHeight())).isGreaterThan(100);
    }

    private static boolean dark(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue() < 3 * 64;
    }

    @Test
    void panelChecksItsLabels() {
        List<List<CellFrames.Frame>> rows = List.of(List.of(twoCells(), twoCells()));
        Path png = dir.resolve("p.png");
        assertThatThrownBy(() -> CellFrames.panel(png, "t", List.of("a", "b"), List.of("0", "1"), rows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 row labels for 1 rows");
        assertThatThrownBy(() -> CellFrames.panel(png, "t", List.of("truth"), List.of("0"), rows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 'truth' has 2 frames");
        CellFrames.Frame small = new CellFrames.Frame(new int[4][4], new int[4][4]);
        assertThatThrownBy(() -> CellFrames.panel(png, "t", List.of("a"), List.of("0", "1"),
                List.of(List.of(twoCells(), small)))).hasMessageContaining("frames differ in shape");
    }

    @Test
    void framesMustBeRectangularOfOneShapeWithKnownTypes() {
        assertThatThrownBy(() -> new CellFrames.Frame(new int[][] {{1, 2}, {1}}, new int[][] {{0, 0}, {0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids row 1 has 1 columns, expected 2");
        assertThatThrownBy(() -> new CellFrames.Frame(new int[2][2], new int[3][2]))
                .hasMessageContaining("types have 3 rows, expected 2");
        assertThatThrownBy(() -> new CellFrames.Frame(new int[][] {{1}}, new int[][] {{9}}))
                .hasMessageContaining("type 9 at (0, 0) is outside 0..8");
        assertThatThrownBy(() -> new CellFrames.Frame(new int[0][0], new int[0][0])).hasMessageContaining("empty");
        assertThat(twoCells()).isEqualTo(twoCells());
    }

    @Test
    void typeColoursAreDistinctAndTheMediumIsLight() {
        for (int i = 0; i <= CellFrames.MAX_TYPE; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(CellFrames.typeColor(i)).isNotEqualTo(CellFrames.typeColor(j));
            }
        }
        Color medium = CellFrames.typeColor(0);
        assertThat(Math.min(medium.getRed(), Math.min(medium.getGreen(), medium.getBlue()))).isGreaterThan(220);
    }

    @Test
    void gifHasOneFramePerStepTheDelayAndALoopExtension() throws IOException {
        List<CellFrames.Frame> frames = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int[][] ids = new int[8][8];
            int[][] types = new int[8][8];
            ids[k][k] = 1;
            types[k][k] = 1;
            frames.add(new CellFrames.Frame(ids, types));
        }
        Path gif = dir.resolve("rollout.gif");
        CellFrames.gif(gif, "EPNS sample 1", frames, 250);

        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(4);
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode loop = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(loop).isNotNull();
            assertThat(loop.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat(loop.getAttribute("authenticationCode")).isEqualTo("2.0");
            assertThat((byte[]) loop.getUserObject()).containsExactly(1, 0, 0);
            IIOMetadataNode control = (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(control.getAttribute("delayTime")).isEqualTo("25");
            BufferedImage last = reader.read(3);
            assertThat(last.getWidth()).isEqualTo(reader.read(0).getWidth());
        } finally {
            reader.dispose();
        }
        assertThat(Pixels.hiddenFiles(dir)).isZero();
    }

    @Test
    void gifChecksItsArguments() {
        Path gif = dir.resolve("g.gif");
        assertThatThrownBy(() -> CellFrames.gif(gif, "t", List.of(), 100)).hasMessageContaining("at least one frame");
        assertThatThrownBy(() -> CellFrames.gif(gif, "t", List.of(twoCells()), 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> CellFrames.gif(gif, "t", List.of(twoCells()), List.of(0, 5), 100))
                .hasMessageContaining("2 step labels for 1 frames");
    }
}
