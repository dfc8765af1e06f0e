package dev.loupe.rank;

/**
 * An image's place in the "label next" ranking.
 *
 * @param uncertainty how unsure the model is about the image (summed entropy of its predictions)
 * @param value       the uncertainty discounted by how alike the image is to those ranked before it
 * @param likeness    the image's greatest likeness (cosine of predicted-class profiles, 0 to 1) to those before it
 */
public record RankedImage(long imageId, double uncertainty, double value, double likeness) {
}
