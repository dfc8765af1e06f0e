package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The optimizer's step is relative to each tensor's scale; the weight average trails the weights; the L1 step
 * pulls kernels towards zero and leaves biases.
 */
class LayerScaledAdamTest {

    @Test
    void aStepChangesEveryTensorByTheSameShareOfItsScale() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("stem", m.create(new float[] {0.01f, -0.01f, 0.01f, -0.01f})); // RMS 0.01
            params.put("deep", m.create(new float[] {10f, -10f, 10f, -10f}));        // RMS 10
            params.values().forEach(p -> p.setRequiresGradient(true));
            LayerScaledAdam adam = new LayerScaledAdam(params, m);
            WeightAverage average = new WeightAverage(params, m);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                // the loss sum(w) * k gives every weight the gradient k: tiny for one tensor, large for the other
                gc.backward(params.get("stem").sum().mul(1e-3f).add(params.get("deep").sum().mul(50f)));
            }
            adam.step(params, 0.1);
            // Adam's first step is lr x sign(gradient); scaled, it is 10% of each tensor's RMS
            assertArrayEquals(new float[] {0.009f, -0.011f, 0.009f, -0.011f},
                    params.get("stem").toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {9f, -11f, 9f, -11f}, params.get("deep").toFloatArray(), 1e-4f);

            average.update(params);
            // the decay ramps up: the first update keeps only d = 0.99 (1 - e^(-1/50)) ~ 0.02 of the old average
            double d = 0.99 * (1 - Math.exp(-1 / 50.0));
            assertEquals(10 * d + 9 * (1 - d), average.weights().get("deep")[0], 1e-4);
        }
    }

    @Test
    void theL1StepShrinksKernelsOnly() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("kernel", m.create(new float[] {0.5f, -0.5f, 0.25f, -0.25f}, new ai.djl.ndarray.types.Shape(1, 1, 2, 2)));
            params.put("bias", m.create(new float[] {0.5f, -0.5f}));
            params.values().forEach(p -> p.setRequiresGradient(true));
            WeightSteps.shrinkKernels(params, 0.1, m);
            assertArrayEquals(new float[] {0.4f, -0.4f, 0.15f, -0.15f}, params.get("kernel").toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.5f, -0.5f}, params.get("bias").toFloatArray(), 0f);
        }
    }
}
