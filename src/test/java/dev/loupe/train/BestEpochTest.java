package dev.loupe.train;

import dev.loupe.jobs.JobContext;
import dev.loupe.train.onnx.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The best validated epoch is written, or the starting weights when no epoch beat them, or the last one. */
class BestEpochTest {
    @TempDir
    Path tmp;

    private static EpochStats epoch(int n, double validationAp) {
        return new EpochStats(n, 3, 1, 0, 0, 0, validationAp, Double.NaN, 1e-5, 1);
    }

    @Test
    void writesTheBestValidatedWeightsNeverWorseThanTheStart() throws Exception {
        OnnxGraph graph = OnnxGraph.read(OnnxModuleTest.model("yolox_nano"));
        Checkpoints checkpoints = new Checkpoints(tmp);
        byte[] second = "the weights of epoch 2".getBytes();
        Files.write(checkpoints.onnxOf(2), second);
        Map<String, float[]> last = Map.of();
        JobContext ctx = JobContext.silent();

        List<EpochStats> climbs = List.of(epoch(1, 0.5), epoch(2, 0.7), epoch(3, 0.6));
        BestEpoch.Choice best = BestEpoch.choose(climbs, 0.55, checkpoints, graph, last, ctx);
        assertEquals(2, best.epoch());
        assertArrayEquals(second, best.onnx(), "epoch 2's checkpoint, not the last average");

        BestEpoch.Choice start = BestEpoch.choose(climbs, 0.75, checkpoints, graph, last, ctx);
        assertEquals(0, start.epoch(), "no epoch beat the starting weights");
        assertArrayEquals(graph.withWeights(Map.of()), start.onnx());

        List<EpochStats> unvalidated = List.of(epoch(1, Double.NaN), epoch(2, Double.NaN));
        assertEquals(2, BestEpoch.choose(unvalidated, Double.NaN, checkpoints, graph, last, ctx).epoch(),
                "without a validation side the last epoch is written");
        assertEquals(3, BestEpoch.choose(List.of(epoch(1, 0.5), epoch(3, 0.9)), 0.2, checkpoints, graph, last, ctx)
                .epoch(), "the last epoch when it is the best");
        assertEquals(false, Arrays.equals(second, graph.withWeights(last)));
    }
}
