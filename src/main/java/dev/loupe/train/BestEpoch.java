package dev.loupe.train;

import dev.loupe.eval.PairedBootstrap;
import dev.loupe.jobs.JobContext;
import dev.loupe.train.onnx.OnnxGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which weights a run writes. With a validation side: those of the epoch that scored best there (its
 * checkpoint), but only when validation is sure they beat the starting weights (on at least {@link #CONFIDENCE}
 * of its images drawn again with replacement); otherwise the starting weights, so retraining never hands back a
 * model that merely got lucky on a few validation images (on coco-dev, validation rose by two points while the
 * held-out images fell by two). Without a validation side, the last epoch's average.
 */
final class BestEpoch {
    static final double CONFIDENCE = 0.9;
    static final int DRAWS = 500;

    /** The model to write and the epoch its weights are from (0: the starting weights). */
    record Choice(byte[] onnx, int epoch) {
    }

    private BestEpoch() {
    }

    /**
     * @param start the starting weights scored on validation (null: not scored, as on a resumed run)
     * @param best  the best epoch's scores on validation (null when it ran before a resume)
     */
    static Choice choose(List<EpochStats> history, EpochScore.Scored start, EpochScore.Scored best,
                         Checkpoints checkpoints, OnnxGraph graph, Map<String, float[]> last, JobContext ctx)
            throws IOException {
        EpochStats top = null;
        for (EpochStats e : history) {
            if (!Double.isNaN(e.validationAp50()) && (top == null || e.validationAp50() > top.validationAp50())) {
                top = e;
            }
        }
        EpochStats end = history.get(history.size() - 1);
        if (top == null) {
            return new Choice(graph.withWeights(last), end.epoch());
        }
        if (start != null) {
            double sure = best == null || best.epoch() != top.epoch() ? (top.validationAp50() > start.ap50() ? 1 : 0)
                    : PairedBootstrap.shareBetter(start.gt(), start.dt(), best.dt(), start.labels(), start.images(),
                    DRAWS, 1);
            if (sure < CONFIDENCE) {
                ctx.message(String.format("Epoch %d (validation AP50 %.3f) beat the starting weights (%.3f) on only "
                                + "%.0f%% of redrawn validation sets: writing the starting weights", top.epoch(),
                        top.validationAp50(), start.ap50(), 100 * sure));
                return new Choice(graph.withWeights(Map.of()), 0);
            }
        }
        Path saved = checkpoints.onnxOf(top.epoch());
        if (top.epoch() == end.epoch() || !Files.isRegularFile(saved)) {
            return new Choice(graph.withWeights(last), end.epoch());
        }
        ctx.message(String.format("Writing epoch %d, the best on validation (AP50 %.3f; the last had %.3f)",
                top.epoch(), top.validationAp50(), end.validationAp50()));
        return new Choice(Files.readAllBytes(saved), top.epoch());
    }
}
