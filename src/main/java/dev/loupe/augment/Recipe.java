package dev.loupe.augment;

import java.awt.geom.AffineTransform;

/**
 * One augmented copy's exact operations, drawn from {@link AugmentRanges} with a seed and stored as JSON so the
 * copy can be remade. Geometry (flip, scale and rotation about the centre, translation in pixels, then a crop
 * stretched back to full size) is one affine map that moves the pixels and the boxes alike; the photometric
 * operations (brightness multiply, HSV jitter, Gaussian blur, Gaussian noise) leave boxes alone.
 */
public record Recipe(boolean flip, double scale, double rotationDeg, double translateX, double translateY,
                     double cropLeft, double cropTop, double cropRight, double cropBottom,
                     double brightness, double hueShiftDeg, double saturation, double value,
                     double blurSigma, double noiseSigma, long noiseSeed) {

    /** No change at all. */
    public static final Recipe IDENTITY = new Recipe(false, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0);

    /** The pixel map of an image of {@code width x height}: source coordinates to augmented coordinates. */
    public AffineTransform transform(int width, int height) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        AffineTransform t = new AffineTransform();
        double cropW = width * (1 - cropLeft - cropRight);
        double cropH = height * (1 - cropTop - cropBottom);
        t.scale(width / cropW, height / cropH);
        t.translate(-width * cropLeft, -height * cropTop);
        t.translate(cx + translateX, cy + translateY);
        t.rotate(Math.toRadians(rotationDeg));
        t.scale(scale, scale);
        t.translate(-cx, -cy);
        if (flip) {
            t.translate(width, 0);
            t.scale(-1, 1);
        }
        return t;
    }

    boolean changesColour() {
        return brightness != 1 || hueShiftDeg != 0 || saturation != 1 || value != 1;
    }
}
