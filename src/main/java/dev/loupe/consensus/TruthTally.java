package dev.loupe.consensus;

/** One side's boxes against known truth: matches, its boxes, the truth's boxes, and the matches' summed overlap. */
public record TruthTally(long matched, long boxes, long truth, double iouSum) {
    public static final TruthTally NONE = new TruthTally(0, 0, 0, 0);

    public TruthTally plus(TruthTally o) {
        return new TruthTally(matched + o.matched, boxes + o.boxes, truth + o.truth, iouSum + o.iouSum);
    }

    public double precision() {
        return boxes == 0 ? 1.0 : (double) matched / boxes;
    }

    public double recall() {
        return truth == 0 ? 1.0 : (double) matched / truth;
    }

    public double f1() {
        return boxes + truth == 0 ? 1.0 : 2.0 * matched / (boxes + truth);
    }

    public double meanIou() {
        return matched == 0 ? Double.NaN : iouSum / matched;
    }
}
