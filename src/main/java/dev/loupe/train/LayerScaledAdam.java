package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/** Adam (the reference's optimizer) with its step scaled per tensor: see {@link ScaledOptimizer}. */
public final class LayerScaledAdam extends ScaledOptimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    public LayerScaledAdam(Map<String, NDArray> parameters, NDManager manager) {
        super(parameters, manager, 2);
    }

    @Override
    NDArray direction(NDArray g, NDArray[] moments, int steps, NDManager step) {
        NDArray m = moments[0];
        NDArray v = moments[1];
        NDArray gm = g.mul(1 - BETA1);
        NDArray gv = g.square().muli(1 - BETA2);
        gm.attach(step);
        gv.attach(step);
        m.muli(BETA1).addi(gm);
        v.muli(BETA2).addi(gv);
        NDArray corrected = v.div((float) (1 - Math.pow(BETA2, steps)));
        corrected.attach(step);
        NDArray denominator = corrected.sqrt().addi(EPSILON);
        denominator.attach(step);
        NDArray direction = m.div(denominator).muli((float) (1 / (1 - Math.pow(BETA1, steps))));
        direction.attach(step);
        return direction;
    }

    @Override
    String kind() {
        return "adam";
    }
}
