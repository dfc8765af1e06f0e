package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/** Changes to trainable weights made outside autograd: the optimizer's step and the regularisers' shrink. */
final class WeightSteps {

    private WeightSteps() {
    }

    /**
     * {@code weight -= delta}: a detached view shares the weight's storage, and an in-place change of a leaf
     * that requires grad is refused. The view belongs to {@code step}.
     */
    static void subtract(NDArray weight, NDArray delta, NDManager step) {
        NDArray data = weight.stopGradient();
        data.attach(step);
        data.subi(delta);
    }

    /**
     * The L1 regulariser as a decoupled step (w -= amount x sign(w) on convolution kernels, biases left alone),
     * as AdamW decouples weight decay: added to the loss instead, Adam's per-weight normalisation would turn
     * the tiny L1 gradient into a full learning-rate step towards zero for every weight the data barely
     * touches, which wrecks a small pretrained detector within an epoch (measured: AP50 0.73 -> 0.57).
     */
    static void shrinkKernels(Map<String, NDArray> params, double amount, NDManager root) {
        changeKernels(params, root, view -> view.sign().muli((float) amount));
    }

    /** The L2 regulariser, decoupled in the same way: w -= share x w on convolution kernels. */
    static void decayKernels(Map<String, NDArray> params, double share, NDManager root) {
        changeKernels(params, root, view -> view.mul((float) share));
    }

    private static void changeKernels(Map<String, NDArray> params, NDManager root,
                                      java.util.function.UnaryOperator<NDArray> deltaOf) {
        try (NDManager step = root.newSubManager()) {
            for (NDArray p : params.values()) {
                if (p.getShape().dimension() == 4) {
                    NDArray view = p.stopGradient();
                    view.attach(step);
                    NDArray delta = deltaOf.apply(view);
                    delta.attach(step);
                    subtract(p, delta, step);
                }
            }
        }
    }
}
