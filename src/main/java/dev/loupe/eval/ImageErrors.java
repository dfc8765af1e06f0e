package dev.loupe.eval;

import java.util.List;

/** One image's true positives, false positives and missed ground truth at an IoU and a score threshold. */
public record ImageErrors(long imageId, List<EvalBox> truePositives, List<EvalBox> falsePositives,
                          List<EvalBox> falseNegatives) {

    public int errors() {
        return falsePositives.size() + falseNegatives.size();
    }
}
