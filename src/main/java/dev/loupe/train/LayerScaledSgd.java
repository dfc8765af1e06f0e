package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/**
 * SGD with momentum 0.9 (YOLOX's own optimizer) in the LARS manner: each tensor's gradient is divided by its RMS
 * before it enters the momentum, so a step moves every tensor by the same share of its scale (see
 * {@link ScaledOptimizer}) however large its raw gradient. The momentum is an average (dampened and corrected for
 * its start, as Adam's first moment is), so the rate means the same for both optimizers: the largest relative
 * change of a tensor per step.
 */
public final class LayerScaledSgd extends ScaledOptimizer {
    private static final float MOMENTUM = 0.9f;
    private static final float EPSILON = 1e-12f;

    public LayerScaledSgd(Map<String, NDArray> parameters, NDManager manager) {
        super(parameters, manager, 1);
    }

    @Override
    NDArray direction(NDArray g, NDArray[] moments, int steps, NDManager step) {
        NDArray normalised = g.mul((1 - MOMENTUM) / (rms(g) + EPSILON));
        normalised.attach(step);
        NDArray m = moments[0].muli(MOMENTUM).addi(normalised);
        NDArray direction = m.div((float) (1 - Math.pow(MOMENTUM, steps)));
        direction.attach(step);
        return direction;
    }

    @Override
    String kind() {
        return "sgd";
    }
}
