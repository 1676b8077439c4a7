package org.epnsj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of the project calls DJL's {@code NDArray.mul}, {@code div}, {@code maximum}, {@code minimum}
 * or {@code pow} with a Java number. On PyTorch those make a scalar, close it at once and leave it to
 * autograd, whose gradient then reads freed memory (org.epnsj.runtime.engine.HostArrays#scalar); the
 * project's {@code Ops.mul}, {@code Ops.div} and {@code Ops.maximum} take numbers safely. The check reads
 * the method references in the constant pool of every project class on the class path (the command
 * line's, which holds every module but the benchmarks and Spark).
 */
class NumberArithmeticScanTest {

    private static final Set<String> UNSAFE = Set.of("mul", "div", "maximum", "minimum", "pow");
    private static final String NUMBER_ARGUMENT = "(Ljava/lang/Number;)";

    @Test
    void noProjectClassDoesArrayArithmeticWithAJavaNumber() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.endsWith("test-classes")) {
                continue; // this test's own sample of the call
            }
            if (Files.isDirectory(path) && Files.isDirectory(path.resolve("org/epnsj"))) {
                try (Stream<Path> files = Files.walk(path.resolve("org/epnsj"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(f)) {
                            found.addAll(unsafeCalls(path.relativize(f).toString(), in));
                        }
                        scanned++;
                    }
                }
            } else if (entry.endsWith(".jar") && path.getFileName().toString().startsWith("epns-")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (e.getName().startsWith("org/epnsj/") && e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                found.addAll(unsafeCalls(e.getName(), in));
                            }
                            scanned++;
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("project classes scanned").isGreaterThan(300);
        assertThat(found).as("NDArray arithmetic with a Java number (use Ops.mul, Ops.div, Ops.maximum)").isEmpty();
    }

    @Test
    void theScanFindsSuchACall() throws IOException {
        try (InputStream in = NumberArithmeticScanTest.class.getResourceAsStream("NumberArithmeticScanTest$Unsafe.class")) {
            assertThat(unsafeCalls("Unsafe", in)).containsExactly("Unsafe: NDArray.div");
        }
    }

    /** A class that makes the call the scan looks for. */
    static final class Unsafe {
        static ai.djl.ndarray.NDArray half(ai.djl.ndarray.NDArray x) {
            return x.div(2);
        }
    }

    /** The unsafe NDArray calls a class file references, as "class: NDArray.name". */
    private static List<String> unsafeCalls(String name, InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(name + " is not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        int[] classNames = new int[count];
        int[][] namesAndTypes = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11 -> refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> namesAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> throw new IOException(name + ": unknown constant pool tag " + tag);
            }
        }
        List<String> calls = new ArrayList<>();
        for (int[] ref : refs) {
            if (ref == null || ref[0] == 9) {
                continue;
            }
            String owner = utf8[classNames[ref[1]]];
            int[] nat = namesAndTypes[ref[2]];
            String method = utf8[nat[0]];
            String descriptor = utf8[nat[1]];
            if ("ai/djl/ndarray/NDArray".equals(owner) && UNSAFE.contains(method)
                    && descriptor.startsWith(NUMBER_ARGUMENT)) {
                calls.add(name.replace(".class", "") + ": NDArray." + method);
            }
        }
        return calls;
    }
}
