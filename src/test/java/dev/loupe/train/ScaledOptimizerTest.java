package dev.loupe.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both optimizers' steps are relative to each tensor's scale, and a run restored from a checkpoint's state steps
 * exactly as the uninterrupted one; the weight average trails the weights; the regularisers' steps pull kernels
 * towards zero and leave biases.
 */
class ScaledOptimizerTest {

    private static Map<String, NDArray> stemAndDeep(NDManager m) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("stem", m.create(new float[] {0.01f, -0.01f, 0.01f, -0.01f})); // RMS 0.01
        params.put("deep", m.create(new float[] {10f, -10f, 10f, -10f}));        // RMS 10
        params.values().forEach(p -> p.setRequiresGradient(true));
        return params;
    }

    /** Gradients k x (1, 1, 1, 1) x scale, with k tiny for the stem and large for the deep tensor. */
    private static void backward(Map<String, NDArray> params, float scale) {
        params.values().stream().filter(NDArray::hasGradient).forEach(p -> p.getGradient().subi(p.getGradient()));
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(params.get("stem").sum().mul(1e-3f * scale).add(params.get("deep").sum().mul(50f * scale)));
        }
    }

    @ParameterizedTest
    @EnumSource(TrainSettings.OptimizerKind.class)
    void aStepChangesEveryTensorByTheSameShareOfItsScale(TrainSettings.OptimizerKind kind) {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = stemAndDeep(m);
            ScaledOptimizer optimizer = ScaledOptimizer.of(kind, params, m);
            WeightAverage average = new WeightAverage(params, m);
            backward(params, 1);
            optimizer.step(params, 0.1);
            // a first step's direction is sign(gradient) for Adam and gradient / RMS(gradient) for SGD: both are
            // one per weight here, so scaled it is 10% of each tensor's RMS
            assertArrayEquals(new float[] {0.009f, -0.011f, 0.009f, -0.011f},
                    params.get("stem").toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {9f, -11f, 9f, -11f}, params.get("deep").toFloatArray(), 1e-4f);

            average.update(params);
            // the decay ramps up: the first update keeps only d = 0.99 (1 - e^(-1/50)) ~ 0.02 of the old average
            double d = 0.99 * (1 - Math.exp(-1 / 50.0));
            assertEquals(10 * d + 9 * (1 - d), average.weights().get("deep")[0], 1e-4);
        }
    }

    @ParameterizedTest
    @EnumSource(TrainSettings.OptimizerKind.class)
    void aRestoredStateStepsAsTheUninterruptedRun(TrainSettings.OptimizerKind kind, @TempDir Path dir)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            Map<String, NDArray> run = stemAndDeep(m);
            ScaledOptimizer optimizer = ScaledOptimizer.of(kind, run, m);
            float[] gradientScales = {1, -3, 0.5f};
            for (int i = 0; i < 2; i++) {
                backward(run, gradientScales[i]);
                optimizer.step(run, 0.1);
            }
            Path saved = dir.resolve("epoch.state");
            Files.write(saved, optimizer.state(run, 2).bytes());

            TrainingState state = TrainingState.read(saved);
            Map<String, NDArray> resumed = new LinkedHashMap<>();
            state.tensors().forEach((name, t) -> resumed.put(name, m.create(t.live())));
            resumed.values().forEach(p -> p.setRequiresGradient(true));
            ScaledOptimizer again = ScaledOptimizer.of(kind, resumed, m);
            again.restore(state);

            backward(run, gradientScales[2]);
            optimizer.step(run, 0.1);
            backward(resumed, gradientScales[2]);
            again.step(resumed, 0.1);
            // the third step depends on the moments of the first two: a fresh optimizer would step differently
            for (String name : run.keySet()) {
                assertArrayEquals(run.get(name).toFloatArray(), resumed.get(name).toFloatArray(), 1e-6f, name);
            }
        }
    }

    @Test
    void aStateResumesOnlyWithItsOwnOptimizer(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = stemAndDeep(m);
            Path saved = dir.resolve("epoch.state");
            Files.write(saved, new LayerScaledAdam(params, m).state(params, 0).bytes());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LayerScaledSgd(params, m).restore(TrainingState.read(saved)));
            assertTrue(e.getMessage().contains("trained with adam"), e.getMessage());
        }
    }

    @Test
    void theRegularisersShrinkKernelsOnly() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("kernel", m.create(new float[] {0.5f, -0.5f, 0.25f, -0.25f}, new Shape(1, 1, 2, 2)));
            params.put("bias", m.create(new float[] {0.5f, -0.5f}));
            params.values().forEach(p -> p.setRequiresGradient(true));
            WeightSteps.shrinkKernels(params, 0.1, m);
            assertArrayEquals(new float[] {0.4f, -0.4f, 0.15f, -0.15f}, params.get("kernel").toFloatArray(), 1e-6f);
            WeightSteps.decayKernels(params, 0.5, m);
            assertArrayEquals(new float[] {0.2f, -0.2f, 0.075f, -0.075f}, params.get("kernel").toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.5f, -0.5f}, params.get("bias").toFloatArray(), 0f);
        }
    }
}
