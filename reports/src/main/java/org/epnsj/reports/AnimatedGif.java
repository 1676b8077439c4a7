package org.epnsj.reports;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes images of one size as an animated GIF that loops forever. */
final class AnimatedGif {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /** Writes {@code frames} (RGB images of one size), each shown for {@code delayMillis}. */
    static void write(Path gif, List<BufferedImage> frames, int delayMillis) throws IOException {
        ReportFiles.write(gif, out -> {
            ImageWriter writer = gifWriter();
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage frame = frames.get(i);
                    IIOMetadata metadata = metadata(writer, frame, param, delayMillis, i == 0);
                    writer.writeToSequence(new IIOImage(frame, null, metadata), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static ImageWriter gifWriter() throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        return writers.next();
    }

    /** The frame's delay, and on the first frame the NETSCAPE2.0 extension that makes viewers loop. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage frame, ImageWriteParam param,
            int delayMillis, boolean first) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        // GIF delays are in hundredths of a second.
        control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMillis / 10f))));
        control.setAttribute("transparentColorIndex", "0");

        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            // Sub-block 1, then the loop count as a little-endian short: 0 loops forever.
            loop.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
