package dev.loupe.eval;

/**
 * A box as evaluation sees it: which image, which class, where (pixels), its score (detections), whether it is
 * a crowd region (ground truth only), and the object's own area when its annotation gives one (COCO
 * {@code area}, NaN otherwise).
 */
public record EvalBox(long imageId, String label, double x, double y, double w, double h, double score, boolean crowd,
                      double annotatedArea) {

    /** A box without an area of its own. */
    public EvalBox(long imageId, String label, double x, double y, double w, double h, double score, boolean crowd) {
        this(imageId, label, x, y, w, h, score, crowd, Double.NaN);
    }

    /** The box's own area, which overlaps (IoU) are computed from. */
    public double area() {
        return w * h;
    }

    /** The area that decides the object's size range: the annotated area when given, as pycocotools does. */
    public double sizeArea() {
        return Double.isNaN(annotatedArea) ? area() : annotatedArea;
    }

    public boolean hasAnnotatedArea() {
        return !Double.isNaN(annotatedArea);
    }
}
