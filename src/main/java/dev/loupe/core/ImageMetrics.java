package dev.loupe.core;

/**
 * Whole-image statistics (display orientation). Colour means are 0..255; gray is the mean of R, G and B;
 * entropy is over a 256-bin gray histogram, in bits; sharpness is the variance of the Laplacian.
 */
public record ImageMetrics(long imageId, int widthPx, int heightPx, double aspect, double meanR, double meanG,
                           double meanB, double grayMean, double grayStd, double grayEntropy, double sharpness) {
}
