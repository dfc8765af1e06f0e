package dev.loupe.augment;

import java.util.SplittableRandom;

/**
 * The ranges each copy's operations are drawn from; an operation whose range is empty is off. The reference
 * used brightness multiply 1.1-1.5, translate 60 px and scale 0.5-0.8 (imgaug). Boxes of which less than
 * {@code minVisible} of the transformed area stays inside the image are dropped; the rest are clipped.
 */
public record AugmentRanges(double brightnessMin, double brightnessMax, double translatePx, double scaleMin,
                            double scaleMax, double flipProbability, double rotationDeg, double cropMax,
                            double hueDeg, double saturationMin, double saturationMax, double blurSigmaMax,
                            double noiseSigmaMax, double minVisible) {

    public AugmentRanges {
        check(brightnessMin > 0 && brightnessMin <= brightnessMax, "brightness range", brightnessMin, brightnessMax);
        check(scaleMin > 0 && scaleMin <= scaleMax, "scale range", scaleMin, scaleMax);
        check(translatePx >= 0, "translate", translatePx, translatePx);
        check(flipProbability >= 0 && flipProbability <= 1, "flip probability", flipProbability, flipProbability);
        check(cropMax >= 0 && cropMax < 0.5, "crop (fraction per side, below 0.5)", cropMax, cropMax);
        check(saturationMin >= 0 && saturationMin <= saturationMax, "saturation range", saturationMin, saturationMax);
        check(minVisible >= 0 && minVisible <= 1, "minimum visible fraction", minVisible, minVisible);
    }

    private static void check(boolean ok, String what, double a, double b) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what + ": " + a + (a == b ? "" : " .. " + b));
        }
    }

    /** The reference's operations; boxes less than a quarter visible are dropped. */
    public static AugmentRanges reference() {
        return new AugmentRanges(1.1, 1.5, 60, 0.5, 0.8, 0, 0, 0, 0, 1, 1, 0, 0, 0.25);
    }

    /** The reference's operations plus flips, small rotations, crops, HSV jitter, blur and noise. */
    public static AugmentRanges all() {
        return new AugmentRanges(1.1, 1.5, 60, 0.5, 0.8, 0.5, 10, 0.1, 10, 0.8, 1.2, 1.5, 8, 0.25);
    }

    /** One copy's recipe; the same seed always gives the same recipe. */
    public Recipe draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Recipe(r.nextDouble() < flipProbability, uniform(r, scaleMin, scaleMax),
                uniform(r, -rotationDeg, rotationDeg), uniform(r, -translatePx, translatePx),
                uniform(r, -translatePx, translatePx), uniform(r, 0, cropMax), uniform(r, 0, cropMax),
                uniform(r, 0, cropMax), uniform(r, 0, cropMax), uniform(r, brightnessMin, brightnessMax),
                uniform(r, -hueDeg, hueDeg), uniform(r, saturationMin, saturationMax), 1,
                uniform(r, 0, blurSigmaMax), uniform(r, 0, noiseSigmaMax), r.nextLong());
    }

    /** Always consumes one draw, so turning one operation on or off leaves the others' values unchanged. */
    private static double uniform(SplittableRandom r, double min, double max) {
        double u = r.nextDouble();
        return max > min ? min + u * (max - min) : min;
    }
}
