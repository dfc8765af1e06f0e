package dev.loupe.train;

import dev.loupe.jobs.JobContext;
import dev.loupe.train.onnx.OnnxGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which weights a run writes: with a validation side, those of the epoch that scored best there (its checkpoint),
 * or the starting weights when no epoch beat them, so retraining never hands back a model that validates worse
 * than the one it started from; without one, the last epoch's average.
 */
final class BestEpoch {

    /** The model to write and the epoch its weights are from (0: the starting weights). */
    record Choice(byte[] onnx, int epoch) {
    }

    private BestEpoch() {
    }

    static Choice choose(List<EpochStats> history, double startAp, Checkpoints checkpoints, OnnxGraph graph,
                         Map<String, float[]> last, JobContext ctx) throws IOException {
        EpochStats best = null;
        for (EpochStats e : history) {
            if (!Double.isNaN(e.validationAp50()) && (best == null || e.validationAp50() > best.validationAp50())) {
                best = e;
            }
        }
        EpochStats end = history.get(history.size() - 1);
        if (best == null) {
            return new Choice(graph.withWeights(last), end.epoch());
        }
        if (!Double.isNaN(startAp) && startAp >= best.validationAp50()) {
            ctx.message(String.format("No epoch beat the starting weights on validation (AP50 %.3f, best epoch %.3f): "
                    + "writing the starting weights", startAp, best.validationAp50()));
            return new Choice(graph.withWeights(Map.of()), 0);
        }
        Path saved = checkpoints.onnxOf(best.epoch());
        if (best.epoch() == end.epoch() || !Files.isRegularFile(saved)) {
            return new Choice(graph.withWeights(last), end.epoch());
        }
        ctx.message(String.format("Writing epoch %d, the best on validation (AP50 %.3f; the last had %.3f)",
                best.epoch(), best.validationAp50(), end.validationAp50()));
        return new Choice(Files.readAllBytes(saved), best.epoch());
    }
}
