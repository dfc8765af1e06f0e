package dev.loupe.ui.review;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An image with halved copies down to screen size: drawing a 12-megapixel photo scaled down on every frame is
 * what makes canvases lag; drawing the level just above the displayed size is cheap and looks the same.
 */
public record ImagePyramid(List<Image> levels, int widthPx, int heightPx) {
    private static final int SMALLEST_PX = 512;

    public static ImagePyramid of(BufferedImage full) {
        List<Image> levels = new ArrayList<>();
        levels.add(SwingFXUtils.toFXImage(full, null));
        BufferedImage current = full;
        while (Math.max(current.getWidth(), current.getHeight()) / 2 >= SMALLEST_PX) {
            BufferedImage half = new BufferedImage(current.getWidth() / 2, current.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = half.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, half.getWidth(), half.getHeight(), null);
            } finally {
                g.dispose();
            }
            levels.add(SwingFXUtils.toFXImage(half, null));
            current = half;
        }
        return new ImagePyramid(List.copyOf(levels), full.getWidth(), full.getHeight());
    }

    /** The smallest level at least as large as the image drawn at {@code scale} screen pixels per image pixel. */
    public Image forScale(double scale) {
        double wanted = widthPx * scale;
        Image best = levels.get(0);
        for (Image level : levels) {
            if (level.getWidth() >= wanted) {
                best = level;
            }
        }
        return best;
    }
}
