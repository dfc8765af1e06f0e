package dev.loupe.consensus;

/**
 * The counts behind an agreement figure: pairs matched, boxes on both sides together, and the matches' summed
 * overlap. F1 is twice the matches over the boxes; two sides that drew nothing agree fully.
 */
public record Tally(long matched, long boxes, double iouSum) {
    public static final Tally NONE = new Tally(0, 0, 0);

    public Tally plus(Tally o) {
        return new Tally(matched + o.matched, boxes + o.boxes, iouSum + o.iouSum);
    }

    public double f1() {
        return boxes == 0 ? 1.0 : 2.0 * matched / boxes;
    }

    /** Mean IoU of the matched pairs; NaN when nothing matched. */
    public double meanIou() {
        return matched == 0 ? Double.NaN : iouSum / matched;
    }
}
