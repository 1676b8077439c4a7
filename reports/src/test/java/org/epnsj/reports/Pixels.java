package org.epnsj.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reading and counting pixels of written images. */
final class Pixels {

    private Pixels() {}

    /** Decodes an image file, failing the test when it does not exist or is not an image. */
    static BufferedImage read(Path file) throws IOException {
        assertThat(file).isRegularFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("decoded " + file).isNotNull();
        return image;
    }

    /** Pixels within {@code tolerance} of {@code color} in every channel. */
    static int count(BufferedImage image, Color color, int tolerance) {
        return count(image, color, tolerance, 0, 0, image.getWidth(), image.getHeight());
    }

    /** Pixels within {@code tolerance} of {@code color} in the rectangle [x0, x1) x [y0, y1). */
    static int count(BufferedImage image, Color color, int tolerance, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (close(new Color(image.getRGB(x, y)), color, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** {@code color} at {@code alpha} over white, as a translucent fill appears on the page. */
    static Color overWhite(Color color, double alpha) {
        return new Color(blend(color.getRed(), alpha), blend(color.getGreen(), alpha), blend(color.getBlue(), alpha));
    }

    static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }

    private static int blend(int channel, double alpha) {
        return (int) Math.round(alpha * channel + (1 - alpha) * 255);
    }

    private static boolean close(Color a, Color b, int tolerance) {
        return Math.abs(a.getRed() - b.getRed()) <= tolerance && Math.abs(a.getGreen() - b.getGreen()) <= tolerance
                && Math.abs(a.getBlue() - b.getBlue()) <= tolerance;
    }

    /** Files in {@code dir} whose name starts with a dot: left-over temporary files of atomic writes. */
    static long hiddenFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).count();
        }
    }
}
