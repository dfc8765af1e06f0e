package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer whose step for each weight tensor is the learning rate times that tensor's pretrained RMS, so the
 * rate is a relative change per step, the same in every layer (the trust-ratio idea of LAMB and LARS, with a
 * fixed ratio). A plain step moves every weight by about the rate: the exported detectors have batch norm folded
 * into their convolutions and take raw 0-255 pixels, so their tensors' RMS spans 0.013 (the stem) to 20, and a
 * step that is negligible for one layer rewrites another (plain Adam at 1e-4 cut held-out AP50 from 0.73 to
 * 0.58; DJL's plain SGD did the same).
 */
public abstract class ScaledOptimizer {
    /** Tensors that start near zero still get a usable step. */
    private static final float MIN_SCALE = 1e-3f;

    private final NDManager manager;
    private final int momentCount;
    private final Map<String, Float> scale = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private int steps;

    ScaledOptimizer(Map<String, NDArray> parameters, NDManager manager, int momentCount) {
        this.manager = manager;
        this.momentCount = momentCount;
        parameters.forEach((name, p) -> {
            shapes.put(name, p.getShape());
            try (NDArray view = p.stopGradient()) {
                scale.put(name, Math.max(MIN_SCALE, rms(view)));
            }
        });
    }

    /** The optimizer a run's settings name, over these trainable parameters. */
    public static ScaledOptimizer of(TrainSettings.OptimizerKind kind, Map<String, NDArray> parameters,
                                     NDManager manager) {
        return switch (kind) {
            case ADAM -> new LayerScaledAdam(parameters, manager);
            case SGD -> new LayerScaledSgd(parameters, manager);
        };
    }

    /**
     * Steps these tensors by the given sizes instead of their starting RMS: a new head's tensors start small and
     * random, and should move like the pretrained head they replace (times any extra factor for a new head).
     */
    void scaleAs(Map<String, Float> sizes) {
        sizes.forEach((name, size) -> {
            if (scale.containsKey(name)) {
                scale.put(name, Math.max(MIN_SCALE, size));
            }
        });
    }

    /** One update of every parameter from its accumulated gradient, at this (relative) learning rate. */
    public final void step(Map<String, NDArray> parameters, double learningRate) {
        steps++;
        try (NDManager step = manager.newSubManager()) {
            parameters.forEach((name, p) -> {
                NDArray[] m = moments.computeIfAbsent(name, k -> zeros(p.getShape()));
                NDArray direction = direction(p.getGradient(), m, steps, step);
                NDArray update = direction.muli((float) (learningRate * scale.get(name)));
                WeightSteps.subtract(p, update, step);
            });
        }
    }

    /**
     * Updates this tensor's moments from its gradient and returns the step's direction, of about unit size per
     * weight; arrays it makes belong to {@code step}.
     */
    abstract NDArray direction(NDArray gradient, NDArray[] moments, int steps, NDManager step);

    /** What a checkpoint of this run names its optimizer, so a resume cannot continue with another one. */
    abstract String kind();

    /** The step count, scales and moments, with the parameters' live values, for a checkpoint. */
    TrainingState state(Map<String, NDArray> parameters, int averageUpdates) {
        Map<String, TrainingState.Tensor> tensors = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            int n = Math.toIntExact(p.size());
            float[][] saved = new float[momentCount][];
            for (int i = 0; i < momentCount; i++) {
                saved[i] = moments.containsKey(name) ? moments.get(name)[i].toFloatArray() : new float[n];
            }
            tensors.put(name, new TrainingState.Tensor(p.toFloatArray(), scale.get(name), saved));
        });
        return new TrainingState(kind(), steps, averageUpdates, tensors);
    }

    /** Continues where a checkpoint left off: its step count, its scales (the pretrained ones) and moments. */
    void restore(TrainingState state) {
        if (!state.optimizer().equals(kind())) {
            throw new IllegalArgumentException("the checkpoint was trained with " + state.optimizer()
                    + "; resume it with the same optimizer, not " + kind());
        }
        steps = state.steps();
        state.tensors().forEach((name, t) -> {
            if (scale.containsKey(name)) {
                scale.put(name, t.scale());
                NDArray[] m = new NDArray[momentCount];
                for (int i = 0; i < momentCount; i++) {
                    m[i] = manager.create(t.moments()[i], shapes.get(name));
                }
                moments.put(name, m);
            }
        });
    }

    /** Root mean square of a tensor's values. */
    static float rms(NDArray values) {
        try (NDArray squared = values.square(); NDArray mean = squared.mean()) {
            return (float) Math.sqrt(mean.getFloat());
        }
    }

    private NDArray[] zeros(Shape shape) {
        NDArray[] m = new NDArray[momentCount];
        for (int i = 0; i < momentCount; i++) {
            m[i] = manager.zeros(shape);
        }
        return m;
    }
}
