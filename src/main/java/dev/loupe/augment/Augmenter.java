package dev.loupe.augment;

import boofcv.alg.filter.blur.GBlurImageOps;
import boofcv.io.image.ConvertBufferedImage;
import boofcv.struct.image.GrayU8;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Applies a recipe to an image and its boxes: the same affine map for both, then the photometric operations. */
public final class Augmenter {

    /** A box as x, y (top left), width and height in pixels. */
    public record Rect(double x, double y, double w, double h) {
    }

    /** The augmented image (same size as the source) and each box's new place, or null where it was dropped. */
    public record Output(BufferedImage image, List<Rect> boxes) {
    }

    private Augmenter() {
    }

    public static Output apply(BufferedImage source, Recipe recipe, List<Rect> boxes, double minVisible) {
        int w = source.getWidth();
        int h = source.getHeight();
        AffineTransform t = recipe.transform(w, h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR); // uncovered areas stay black
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, t, null);
        } finally {
            g.dispose();
        }
        if (recipe.changesColour()) {
            colour(out, recipe);
        }
        if (recipe.blurSigma() > 0.3) {
            out = blur(out, recipe.blurSigma());
        }
        if (recipe.noiseSigma() > 0) {
            noise(out, recipe.noiseSigma(), recipe.noiseSeed());
        }
        List<Rect> moved = new ArrayList<>(boxes.size());
        for (Rect b : boxes) {
            moved.add(place(b, t, w, h, minVisible));
        }
        return new Output(out, moved);
    }

    /**
     * The box's corners through the map, their bounding box clipped to the image; null when less than
     * {@code minVisible} of the mapped box's area (or less than a pixel either way) is left.
     */
    static Rect place(Rect b, AffineTransform t, int width, int height, double minVisible) {
        double[] corners = {b.x(), b.y(), b.x() + b.w(), b.y(), b.x() + b.w(), b.y() + b.h(), b.x(), b.y() + b.h()};
        t.transform(corners, 0, corners, 0, 4);
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int i = 0; i < 8; i += 2) {
            x0 = Math.min(x0, corners[i]);
            x1 = Math.max(x1, corners[i]);
            y0 = Math.min(y0, corners[i + 1]);
            y1 = Math.max(y1, corners[i + 1]);
        }
        double area = (x1 - x0) * (y1 - y0);
        double cx0 = Math.max(0, x0);
        double cy0 = Math.max(0, y0);
        double cx1 = Math.min(width, x1);
        double cy1 = Math.min(height, y1);
        if (cx1 - cx0 < 1 || cy1 - cy0 < 1 || area <= 0 || (cx1 - cx0) * (cy1 - cy0) < minVisible * area) {
            return null;
        }
        return new Rect(cx0, cy0, cx1 - cx0, cy1 - cy0);
    }

    /** Brightness multiply, then hue shift and saturation / value scaling in HSV, per pixel. */
    private static void colour(BufferedImage img, Recipe r) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        boolean hsv = r.hueShiftDeg() != 0 || r.saturation() != 1 || r.value() != 1;
        float[] hsb = new float[3];
        float hue = (float) (r.hueShiftDeg() / 360);
        for (int i = 0; i < px.length; i += 3) {
            int b = clamp((px[i] & 0xFF) * r.brightness());
            int g = clamp((px[i + 1] & 0xFF) * r.brightness());
            int red = clamp((px[i + 2] & 0xFF) * r.brightness());
            if (hsv) {
                java.awt.Color.RGBtoHSB(red, g, b, hsb);
                int rgb = java.awt.Color.HSBtoRGB(hsb[0] + hue, (float) Math.min(1, hsb[1] * r.saturation()),
                        (float) Math.min(1, hsb[2] * r.value()));
                red = (rgb >> 16) & 0xFF;
                g = (rgb >> 8) & 0xFF;
                b = rgb & 0xFF;
            }
            px[i] = (byte) b;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) red;
        }
    }

    /** Gaussian blur per channel with BoofCV. */
    private static BufferedImage blur(BufferedImage img, double sigma) {
        Planar<GrayU8> planes = ConvertBufferedImage.convertFrom(img, true, ImageType.pl(3, GrayU8.class));
        Planar<GrayU8> blurred = planes.createSameShape();
        GBlurImageOps.gaussian(planes, blurred, sigma, -1, null);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        ConvertBufferedImage.convertTo(blurred, out, true);
        return out;
    }

    /** Additive Gaussian noise, the same for a given seed. */
    private static void noise(BufferedImage img, double sigma, long seed) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) clamp((px[i] & 0xFF) + gaussian(random) * sigma);
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
