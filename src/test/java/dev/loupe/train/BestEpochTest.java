package dev.loupe.train;

import dev.loupe.eval.EvalBox;
import dev.loupe.jobs.JobContext;
import dev.loupe.train.onnx.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The best validated epoch is written when validation is sure it beats the start, else the starting weights;
 * without validation, the last epoch.
 */
class BestEpochTest {
    @TempDir
    Path tmp;

    private static EpochStats epoch(int n, double validationAp) {
        return new EpochStats(n, 3, 1, 0, 0, 0, validationAp, Double.NaN, 1e-5, 1);
    }

    /** Twenty validation images with one object each, found (a box on it) on the first {@code found} of them. */
    private static EpochScore.Scored scored(int epoch, int found) {
        List<EvalBox> gt = new ArrayList<>();
        List<EvalBox> dt = new ArrayList<>();
        for (long image = 1; image <= 20; image++) {
            gt.add(new EvalBox(image, "raccoon", 10, 10, 50, 50, 1, false));
            dt.add(image <= found ? new EvalBox(image, "raccoon", 11, 10, 50, 50, 0.9, false)
                    : new EvalBox(image, "raccoon", 200, 200, 20, 20, 0.9, false));
        }
        return new EpochScore.Scored(epoch, found / 20.0, gt, dt, Set.of("raccoon"),
                LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void writesTheBestValidatedWeightsOnlyWhenValidationIsSureTheyBeatTheStart() throws Exception {
        OnnxGraph graph = OnnxGraph.read(OnnxModuleTest.model("yolox_nano"));
        Checkpoints checkpoints = new Checkpoints(tmp);
        byte[] second = "the weights of epoch 2".getBytes();
        Files.write(checkpoints.onnxOf(2), second);
        Map<String, float[]> last = Map.of();
        JobContext ctx = JobContext.silent();
        List<EpochStats> climbs = List.of(epoch(1, 0.5), epoch(2, 0.9), epoch(3, 0.6));

        BestEpoch.Choice clear = BestEpoch.choose(climbs, scored(0, 10), scored(2, 18), checkpoints, graph, last, ctx);
        assertEquals(2, clear.epoch(), "18 of 20 found against 10: surely better");
        assertArrayEquals(second, clear.onnx(), "epoch 2's checkpoint, not the last average");

        BestEpoch.Choice lucky = BestEpoch.choose(climbs, scored(0, 10), scored(2, 11), checkpoints, graph, last, ctx);
        assertEquals(0, lucky.epoch(), "one more image found out of twenty is within validation's noise");
        assertArrayEquals(graph.withWeights(Map.of()), lucky.onnx(), "the starting weights");

        assertEquals(0, BestEpoch.choose(climbs, scored(0, 19), null, checkpoints, graph, last, ctx).epoch(),
                "no epoch beat the start at all");
        assertEquals(2, BestEpoch.choose(climbs, null, null, checkpoints, graph, last, ctx).epoch(),
                "a resumed run that did not score its start writes its best epoch");

        List<EpochStats> unvalidated = List.of(epoch(1, Double.NaN), epoch(2, Double.NaN));
        assertEquals(2, BestEpoch.choose(unvalidated, null, null, checkpoints, graph, last, ctx).epoch(),
                "without a validation side the last epoch is written");
    }
}
