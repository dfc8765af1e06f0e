package dev.loupe.rank;

import dev.loupe.eval.EvalBox;

import java.util.List;

/**
 * How unsure a model is about one image: the binary entropy (in bits) of each prediction's score, summed. A prediction
 * near the middle adds almost a bit, a sure one or a faint one almost nothing; the sum makes an image with many
 * hesitant objects worth more than one with a single hesitant object, as each of them is a box to learn from.
 * Scores are taken relative to a scale, the model's surest score on the images ranked: a detector fine-tuned briefly on
 * a class it never saw scores everything low (its surest guesses near 0.03) while it already orders them well, and
 * on its raw scores every image would look equally, faintly, sure.
 */
public final class Uncertainty {
    /** Predictions below this share of the scale are background noise, not objects the model hesitates about. */
    static final double FLOOR = 0.05;

    private Uncertainty() {
    }

    /** {@code scale}: the score that counts as sure (1 for a calibrated model). */
    public static double of(List<EvalBox> predictions, double scale) {
        double sum = 0;
        for (EvalBox p : predictions) {
            double relative = relative(p.score(), scale);
            if (relative >= FLOOR) {
                sum += entropy(relative);
            }
        }
        return sum;
    }

    /** The score as a share of the scale, at most 1. */
    static double relative(double score, double scale) {
        return Math.min(1, score / scale);
    }

    /** The surest score among these predictions (1 when there are none). */
    static double scale(List<EvalBox> predictions) {
        return predictions.stream().mapToDouble(EvalBox::score).max().orElse(1);
    }

    static double entropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
