package dev.loupe.rank;

import dev.loupe.eval.EvalBox;

import java.util.List;

/**
 * How unsure a model is about one image: the binary entropy (in bits) of each prediction's score, summed. A prediction
 * near 0.5 adds almost a bit, a sure one or a faint one almost nothing; the sum makes an image with many hesitant
 * objects worth more than one with a single hesitant object, as each of them is a box to learn from.
 */
public final class Uncertainty {
    /** Predictions below this are background noise, not objects the model hesitates about. */
    static final double FLOOR = 0.05;

    private Uncertainty() {
    }

    public static double of(List<EvalBox> predictions) {
        double sum = 0;
        for (EvalBox p : predictions) {
            if (p.score() >= FLOOR) {
                sum += entropy(p.score());
            }
        }
        return sum;
    }

    static double entropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
