package dev.loupe.consensus;

/**
 * One annotator's box as consensus sees it: who drew it (an index into the annotators), the stored box it came from,
 * its label and where it is (pixels), and a score when it has one (NaN for a person's box).
 */
public record Shape(int annotator, long boxId, String label, double x, double y, double w, double h, double score) {

    public double area() {
        return w * h;
    }

    /** Intersection over union with another box. */
    public double iou(Shape o) {
        return Overlap.iou(x, y, w, h, o.x, o.y, o.w, o.h);
    }
}
