package dev.loupe.augment;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The box a copy gets is where the pixels went: a white box on black is augmented, and the white pixels' extent
 * in the copy is compared with the box the augmenter computed, within 1 px. Boxes are dropped exactly when too
 * little of them stays visible, and a seed always remakes the same copy.
 */
class AugmenterPropertiesTest {
    private static final int W = 160;
    private static final int H = 120;

    @Provide
    Arbitrary<Augmenter.Rect> boxes() {
        return Combinators.combine(Arbitraries.integers().between(0, W - 12), Arbitraries.integers().between(0, H - 12),
                        Arbitraries.integers().between(12, 80), Arbitraries.integers().between(12, 60))
                .as((x, y, w, h) -> new Augmenter.Rect(x, y, Math.min(w, W - x), Math.min(h, H - y)));
    }

    /** Geometry only (the reference's translate and scale, plus flips, rotations and crops). */
    @Provide
    Arbitrary<Recipe> geometry() {
        AugmentRanges ranges = new AugmentRanges(1, 1, 60, 0.5, 1.2, 0.5, 15, 0.15, 0, 1, 1, 0, 0, 0.25);
        return Arbitraries.longs().map(ranges::draw);
    }

    @Property(tries = 300)
    void everyKeptBoxIsWhereItsPixelsWent(@ForAll("boxes") Augmenter.Rect box, @ForAll("geometry") Recipe recipe) {
        BufferedImage source = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect((int) box.x(), (int) box.y(), (int) box.w(), (int) box.h());
        g.dispose();
        Augmenter.Output out = Augmenter.apply(source, recipe, List.of(box), 0.25);
        int[] extent = whiteExtent(out.image());
        Augmenter.Rect placed = out.boxes().get(0);
        double mappedArea = mappedArea(box, recipe);
        if (placed == null) {
            double visible = extent == null ? 0 : (double) (extent[2] - extent[0]) * (extent[3] - extent[1]);
            assertTrue(visible < 0.25 * mappedArea + 4 * Math.sqrt(mappedArea) + 4,
                    "dropped, but " + visible + " of " + mappedArea + " px² is visible: " + recipe);
            return;
        }
        assertNotNull(extent, "a kept box has pixels: " + placed + " " + recipe);
        String why = "box " + placed + " pixels " + Arrays.toString(extent) + " " + recipe;
        // The AABB of a rotated rectangle's pixels is the AABB of its corners; bilinear edges add up to a pixel.
        // A rotated box cut by the image border is the exception: its corners' AABB, clipped, can reach past the
        // visible pixels (as in imgaug), so there the box must contain them instead.
        boolean exact = recipe.rotationDeg() == 0 || insideImage(box, recipe);
        if (exact) {
            assertEquals(placed.x(), extent[0], 1.01, why);
            assertEquals(placed.y(), extent[1], 1.01, why);
            assertEquals(placed.x() + placed.w(), extent[2], 1.01, why);
            assertEquals(placed.y() + placed.h(), extent[3], 1.01, why);
        } else {
            assertTrue(placed.x() <= extent[0] + 1.01 && placed.y() <= extent[1] + 1.01
                    && placed.x() + placed.w() >= extent[2] - 1.01 && placed.y() + placed.h() >= extent[3] - 1.01, why);
        }
    }

    private static boolean insideImage(Augmenter.Rect b, Recipe r) {
        double[] c = corners(b, r);
        for (int i = 0; i < 8; i += 2) {
            if (c[i] < 0 || c[i] > W || c[i + 1] < 0 || c[i + 1] > H) {
                return false;
            }
        }
        return true;
    }

    private static double[] corners(Augmenter.Rect b, Recipe r) {
        double[] c = {b.x(), b.y(), b.x() + b.w(), b.y(), b.x() + b.w(), b.y() + b.h(), b.x(), b.y() + b.h()};
        r.transform(W, H).transform(c, 0, c, 0, 4);
        return c;
    }

    @Property(tries = 200)
    void aBoxPushedOutOfTheImageIsDropped(@ForAll("boxes") Augmenter.Rect box) {
        Recipe away = new Recipe(false, 1, 0, 2 * W, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0);
        assertNull(Augmenter.apply(new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR), away, List.of(box), 0.25)
                .boxes().get(0));
        Recipe halfOut = new Recipe(false, 1, 0, W - box.x() - box.w() * 0.1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0);
        assertNull(Augmenter.apply(new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR), halfOut, List.of(box), 0.25)
                .boxes().get(0), "only 10% stays visible");
    }

    @Property(tries = 20)
    void theSameSeedMakesTheSameCopy(@ForAll long seed) {
        BufferedImage source = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = source.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, W, H, Color.BLUE));
        g.fillRect(0, 0, W, H);
        g.dispose();
        AugmentRanges all = AugmentRanges.all();
        List<Augmenter.Rect> boxes = List.of(new Augmenter.Rect(30, 20, 60, 50));
        Augmenter.Output a = Augmenter.apply(source, all.draw(seed), boxes, 0.25);
        Augmenter.Output b = Augmenter.apply(source, all.draw(seed), boxes, 0.25);
        assertEquals(all.draw(seed), all.draw(seed));
        assertEquals(a.boxes(), b.boxes());
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
    }

    /** {x0, y0, x1, y1} of the pixels brighter than mid-gray, exclusive ends; null when there are none. */
    private static int[] whiteExtent(BufferedImage img) {
        byte[] px = pixels(img);
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((px[(y * img.getWidth() + x) * 3] & 0xFF) >= 128) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return x1 < 0 ? null : new int[]{x0, y0, x1, y1};
    }

    private static double mappedArea(Augmenter.Rect b, Recipe r) {
        double[] c = corners(b, r);
        double x0 = Math.min(Math.min(c[0], c[2]), Math.min(c[4], c[6]));
        double x1 = Math.max(Math.max(c[0], c[2]), Math.max(c[4], c[6]));
        double y0 = Math.min(Math.min(c[1], c[3]), Math.min(c[5], c[7]));
        double y1 = Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7]));
        return (x1 - x0) * (y1 - y0);
    }

    private static byte[] pixels(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }
}
