package dev.loupe.core;

/**
 * Statistics of one box: its size and place relative to the image, and colour statistics of its crop.
 * The reference clustering vector is [meanR, meanG, meanB, grayStd, grayEntropy, relativeArea].
 */
public record BoxMetrics(long boxId, long imageId, double relativeArea, double aspect, double centerX, double centerY,
                         double meanR, double meanG, double meanB, double grayStd, double grayEntropy) {

    /** The reference's 6-d feature vector. */
    public double[] features() {
        return new double[]{meanR, meanG, meanB, grayStd, grayEntropy, relativeArea};
    }
}
