package dev.loupe.bench;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewImage;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportSources;
import dev.loupe.media.JpegEncoder;
import dev.loupe.store.ProjectStore;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Photo-sized images for benchmarks: copies of real JPEG photos, each made distinct (Loupe keys images by content)
 * by a JPEG comment segment that leaves the pixels alone, and every K-th copy a 12-megapixel (4000 x 3000) version
 * of its photo, as phone and DSLR pictures are. The 12-megapixel versions are made once, beside the copies' folder.
 * Benchmarks that read no pixels store image rows alone.
 */
final class BenchImages {
    static final int LARGE_WIDTH = 4000;
    static final int LARGE_HEIGHT = 3000;
    private static final int PER_FOLDER = 1000;

    private BenchImages() {
    }

    /** Makes copies 0..n-1 under {@code dir} from the JPEGs in {@code photos}; returns how many were made now. */
    static int ensure(Path dir, Path photos, int n, int largeEvery) throws IOException {
        List<Path> sources = ImportSources.fromFolder(photos).stream().map(c -> c.file())
                .filter(f -> f.getFileName().toString().toLowerCase().matches(".*\\.jpe?g")).sorted().toList();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no JPEG photos in " + photos);
        }
        byte[][] small = new byte[sources.size()][];
        for (int i = 0; i < small.length; i++) {
            small[i] = Files.readAllBytes(sources.get(i));
        }
        Path largeDir = Files.createDirectories(dir.toAbsolutePath().resolveSibling(dir.getFileName() + "-12mp"));
        return IntStream.range(0, n).parallel().map(i -> {
            Path file = dir.resolve(String.format("%03d", i / PER_FOLDER)).resolve(String.format("img%06d.jpg", i));
            if (Files.exists(file)) {
                return 0;
            }
            try {
                int source = i % small.length;
                byte[] photo = largeEvery > 0 && i % largeEvery == 0
                        ? large(largeDir.resolve(source + ".jpg"), sources.get(source)) : small[source];
                Files.createDirectories(file.getParent());
                Files.write(file, withComment(photo, "loupe bench copy " + i));
                return 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    /** The photo scaled to 12 megapixels, made once and kept beside the copies. */
    private static synchronized byte[] large(Path cached, Path photo) throws IOException {
        if (Files.exists(cached)) {
            return Files.readAllBytes(cached);
        }
        BufferedImage src;
        try {
            src = ImageDecoder.decode(photo, 1);
        } catch (dev.loupe.media.UnreadableImageException e) {
            throw new IOException(e.getMessage(), e);
        }
        BufferedImage big = new BufferedImage(LARGE_WIDTH, LARGE_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, LARGE_WIDTH, LARGE_HEIGHT, null);
        g.dispose();
        byte[] bytes = JpegEncoder.encode(big, 0.9f);
        Files.write(cached, bytes);
        return bytes;
    }

    /** The JPEG with a COM segment right after its SOI marker. */
    static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
        int length = text.length + 2;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    /** A new dataset of {@code n} image rows (1280 x 720, no files: the benchmark reads no pixels); their ids. */
    static long[] rows(ProjectStore store, String dataset, int n) {
        long ds = store.createDataset(dataset).id();
        List<NewImage> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new NewImage("/bench/" + i + ".jpg", null, i + ".jpg", 1280, 720, 1, String.format("%064x", i), 1));
        }
        store.addImages(ds, rows);
        return store.imageIds(ImageFilter.all(ds));
    }
}
