package org.epnsj.reports;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.epnsj.runtime.io.AtomicFiles;
import org.epnsj.runtime.io.IoConsumer;

/** Atomic writes of figures and pages, creating the target folder when needed. */
final class ReportFiles {

    private ReportFiles() {}

    /** Writes {@code target} with the bytes {@code body} writes: complete or not at all. */
    static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.write(target, body);
    }

    /** Writes {@code image} as a PNG file. */
    static void writePng(Path target, BufferedImage image) throws IOException {
        write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for " + target);
            }
        });
    }
}
