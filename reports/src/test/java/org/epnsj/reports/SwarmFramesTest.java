package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwarmFramesTest {

    @TempDir
    Path dir;

    /** Two particles at (10 +- 1, 5), both moving along +x: centroid (10, 5), polarisation 1. */
    private static SwarmFrames.Frame pair() {
        return new SwarmFrames.Frame(new double[] {9, 11}, new double[] {5, 5}, new double[] {1, 1},
                new double[] {0, 0});
    }

    @Test
    void particlesAreDrawnAroundTheCentroidWithYUp() throws IOException {
        // Particles at (9, 4), (11, 4) and (10, 7), all moving along +y: centroid (10, 5). Half-width 2.75:
        // 40 image pixels per unit.
        SwarmFrames.Frame f = new SwarmFrames.Frame(new double[] {9, 11, 10}, new double[] {4, 4, 7},
                new double[] {0, 0, 0}, new double[] {1, 1, 1});
        Path png = dir.resolve("panel.png");
        SwarmFrames.panel(png, "t", List.of("a"), List.of("step 0"), List.of(List.of(f)), 2.75);
        BufferedImage image = Pixels.read(png);
        PanelLayout layout = PanelLayout.ofFrames("t", List.of("a"), 1, SwarmFrames.FRAME_SIDE,
                SwarmFrames.FRAME_SIDE, 3);
        assertThat(SwarmFrames.pixelsPerUnit(2.75)).isEqualTo(40.0);
        int cx = layout.frameX(0) + SwarmFrames.FRAME_SIDE / 2;
        int cy = layout.frameY(0) + SwarmFrames.FRAME_SIDE / 2;
        assertThat(Pixels.at(image, cx, cy - 80)).isEqualTo(SwarmFrames.PARTICLE);
        assertThat(Pixels.at(image, cx - 40, cy + 40)).isEqualTo(SwarmFrames.PARTICLE);
        assertThat(Pixels.at(image, cx + 40, cy + 40)).isEqualTo(SwarmFrames.PARTICLE);
        assertThat(Pixels.at(image, cx, cy)).isNotEqualTo(SwarmFrames.PARTICLE);
        assertThat(Pixels.at(image, cx, cy + 80)).isNotEqualTo(SwarmFrames.PARTICLE);
        // Velocities (0, 1) are lines upwards of 0.4 units (16 pixels) from each particle.
        assertThat(velocityPixels(image, cx - 40, cy + 40 - 10)).isPositive();
        assertThat(velocityPixels(image, cx - 40, cy + 40 + 10)).isZero();
        assertThat(velocityPixels(image, cx - 40 - 10, cy + 40)).isZero();
    }

    /** Pixels near the velocity colour in the 3 x 3 box around (x, y). */
    private static int velocityPixels(BufferedImage image, int x, int y) {
        return Pixels.count(image, SwarmFrames.VELOCITY, 40, x - 1, y - 1, x + 2, y + 2);
    }

    @Test
    void particlesOutsideTheViewAreNotDrawnOutsideTheirFrame() throws IOException {
        // One particle far away: the centroid lies between, the view of half-width 1 holds neither.
        SwarmFrames.Frame far = new SwarmFrames.Frame(new double[] {0, 100}, new double[] {0, 0},
                new double[] {1, 1}, new double[] {0, 0});
        Path png = dir.resolve("far.png");
        SwarmFrames.panel(png, "t", List.of("a", "b"), List.of("0", "1"),
                List.of(List.of(far, far), List.of(far, far)), 1.0);
        BufferedImage image = Pixels.read(png);
        PanelLayout layout = PanelLayout.ofFrames("t", List.of("a", "b"), 2, SwarmFrames.FRAME_SIDE,
                SwarmFrames.FRAME_SIDE, 3);
        int frames = Pixels.count(image, SwarmFrames.PARTICLE, 0, 0, 0, layout.legendX(), image.getHeight());
        assertThat(frames).isZero();
        // The legend's particle is there.
        assertThat(Pixels.count(image, SwarmFrames.PARTICLE, 0)).isPositive();
    }

    @Test
    void extentHoldsEveryFiniteParticleWithAQuarterToSpare() {
        SwarmFrames.Frame wide = new SwarmFrames.Frame(new double[] {0, 4, Double.NaN}, new double[] {0, 0, 0},
                new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThat(SwarmFrames.extentOf(List.of(pair(), wide))).isEqualTo(2.5);
        assertThat(SwarmFrames.extentOf(List.of(pair()))).isEqualTo(1.25);
        // Never below 1.
        SwarmFrames.Frame tight = new SwarmFrames.Frame(new double[] {0, 0.1}, new double[] {0, 0},
                new double[] {1, 1}, new double[] {0, 0});
        assertThat(SwarmFrames.extentOf(List.of(tight))).isEqualTo(1.0);
    }

    @Test
    void polarisationIsTheLengthOfTheMeanUnitVelocity() {
        assertThat(pair().polarisation()).isEqualTo(1.0);
        SwarmFrames.Frame opposite = new SwarmFrames.Frame(new double[] {0, 1}, new double[] {0, 0},
                new double[] {2, -1}, new double[] {0, 0});
        assertThat(opposite.polarisation()).isEqualTo(0.0);
    }

    @Test
    void theScaleBarIsAPowerOfTwoBetween20And80Pixels() {
        for (double extent : new double[] {0.3, 1, 2.5, 7, 40}) {
            double units = SwarmFrames.scaleBarUnits(extent);
            double pixels = units * SwarmFrames.pixelsPerUnit(extent);
            assertThat(pixels).as("extent " + extent).isBetween(20.0, 80.0);
            double log2 = Math.log(units) / Math.log(2);
            assertThat(log2).isEqualTo(Math.rint(log2));
        }
    }

    @Test
    void gifHasOneImagePerFrame() throws IOException {
        Path gif = dir.resolve("swarm.gif");
        SwarmFrames.gif(gif, "EPNS rollout", List.of(pair(), pair(), pair()), 1.5, 200);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
        } finally {
            reader.dispose();
        }
        assertThat(Pixels.hiddenFiles(dir)).isZero();
    }

    @Test
    void badInputIsNamed() {
        Path png = dir.resolve("p.png");
        assertThatThrownBy(() -> new SwarmFrames.Frame(new double[] {0, 1}, new double[] {0}, new double[] {0, 1},
                new double[] {0, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2, 1, 2, 2");
        assertThatThrownBy(() -> SwarmFrames.panel(png, "t", List.of("a"), List.of("0"), List.of(List.of(pair())), 0))
                .hasMessageContaining("half-width must be positive");
        assertThatThrownBy(() -> SwarmFrames.panel(png, "t", List.of("a", "b"), List.of("0"),
                List.of(List.of(pair())), 1)).hasMessageContaining("2 row labels for 1 rows");
        assertThatThrownBy(() -> SwarmFrames.gif(dir.resolve("g.gif"), "t", List.of(), 1, 100))
                .hasMessageContaining("at least one frame");
    }
}
