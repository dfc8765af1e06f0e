package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of the weights, as YOLOX keeps one: the averaged model is what validation
 * scores and what is written, because a small batch makes each step's weights noisy. The decay ramps up from
 * zero, so the first steps are not held back by the pretrained weights' long shadow.
 */
public final class WeightAverage {
    private static final double DECAY = 0.99;
    private static final double RAMP_STEPS = 50;

    private final Map<String, NDArray> average = new LinkedHashMap<>();
    private int updates;

    public WeightAverage(Map<String, NDArray> parameters, NDManager manager) {
        parameters.forEach((name, p) -> {
            NDArray view = p.stopGradient();
            NDArray copy = view.duplicate();
            copy.attach(manager);
            view.close();
            average.put(name, copy);
        });
    }

    /** Folds the parameters' current values into the average. */
    public void update(Map<String, NDArray> parameters) {
        updates++;
        float d = (float) (DECAY * (1 - Math.exp(-updates / RAMP_STEPS)));
        parameters.forEach((name, p) -> {
            NDArray live = p.stopGradient();
            NDArray share = live.mul(1 - d);
            average.get(name).muli(d).addi(share);
            share.close();
            live.close();
        });
    }

    int updates() {
        return updates;
    }

    /** Continues a checkpointed average: its weights and how many updates it had seen. */
    void restore(Map<String, float[]> weights, int updatesSoFar) {
        weights.forEach((name, values) -> {
            NDArray a = average.get(name);
            if (a != null) {
                a.set(java.nio.FloatBuffer.wrap(values));
            }
        });
        updates = updatesSoFar;
    }

    /** The averaged weights as plain floats. */
    Map<String, float[]> weights() {
        Map<String, float[]> out = new LinkedHashMap<>();
        average.forEach((name, a) -> out.put(name, a.toFloatArray()));
        return out;
    }
}
