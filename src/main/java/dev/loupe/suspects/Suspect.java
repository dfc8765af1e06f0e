package dev.loupe.suspects;

/**
 * A likely mistake: where (pixels: the labelled box, or the model's box for a missing one), which label, how sure
 * (higher first), the labelled box it is about (0 for a missing box) and what the model says there.
 */
public record Suspect(long imageId, SuspectKind kind, double x, double y, double w, double h, String label,
                      double score, long boxId, String predictedLabel) {
}
