package dev.loupe.formats;

/**
 * A box as written to a file: its class name (after any mapping) and pixel geometry. Score NaN when none; area
 * the object's own area from its source file (COCO), NaN when none; flags as its source file gave them.
 */
public record ExportBox(String label, double x, double y, double w, double h, double score, boolean crowd, double area,
                        int flags) {

    /** A box without an area or flags of its own. */
    public ExportBox(String label, double x, double y, double w, double h, double score, boolean crowd) {
        this(label, x, y, w, h, score, crowd, Double.NaN, 0);
    }

    /** The area COCO's evaluation sizes the object by: its own when known, the box's otherwise. */
    public double cocoArea() {
        return Double.isNaN(area) ? w * h : area;
    }

    public boolean hasScore() {
        return !Double.isNaN(score);
    }
}
