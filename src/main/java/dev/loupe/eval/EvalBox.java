package dev.loupe.eval;

/**
 * A box as evaluation sees it: which image, which class, where (pixels), its score (detections) and
 * whether it is a crowd region (ground truth only).
 */
public record EvalBox(long imageId, String label, double x, double y, double w, double h, double score, boolean crowd) {

    public double area() {
        return w * h;
    }
}
