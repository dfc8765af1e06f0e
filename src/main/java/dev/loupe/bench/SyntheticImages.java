package dev.loupe.bench;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/** Small distinct JPEGs for benchmarks: a coloured scene whose pixels also encode the image number. */
final class SyntheticImages {
    private static final int PER_FOLDER = 1000;

    private SyntheticImages() {
    }

    /** Makes images 0..n-1 under {@code dir} that do not exist yet; returns how many were made. */
    static int ensure(Path dir, int n) {
        return IntStream.range(0, n).parallel().map(i -> {
            Path file = dir.resolve(String.format("%03d", i / PER_FOLDER)).resolve(String.format("img%06d.jpg", i));
            if (Files.exists(file)) {
                return 0;
            }
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(draw(i), "jpg", file.toFile());
                return 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    private static BufferedImage draw(int i) {
        BufferedImage img = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB((i % 97) / 97f, 0.45f, 0.85f)));
        g.fillRect(0, 0, 96, 72);
        g.setColor(new Color(Color.HSBtoRGB((i % 13) / 13f, 0.7f, 0.5f)));
        g.fillOval(10 + i % 40, 10 + i % 30, 30, 30);
        g.setColor(Color.WHITE);
        g.drawString(Integer.toString(i), 4, 68);
        g.dispose();
        return img;
    }
}
