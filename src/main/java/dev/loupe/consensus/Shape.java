package dev.loupe.consensus;

/**
 * One annotator's box as consensus sees it: who drew it (an index into the annotators), the stored box it came from,
 * its label and where it is (pixels), and a score when it has one (NaN for a person's box).
 */
public record Shape(int annotator, long boxId, String label, double x, double y, double w, double h, double score) {

    public double area() {
        return w * h;
    }

    /** The area this box shares with another. */
    public double intersection(Shape o) {
        double iw = Math.min(x + w, o.x + o.w) - Math.max(x, o.x);
        double ih = Math.min(y + h, o.y + o.h) - Math.max(y, o.y);
        return iw <= 0 || ih <= 0 ? 0 : iw * ih;
    }

    /** Intersection over union with another box. */
    public double iou(Shape o) {
        double inter = intersection(o);
        return inter == 0 ? 0 : inter / (area() + o.area() - inter);
    }
}
