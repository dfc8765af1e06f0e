package dev.loupe.train;

/**
 * How to fine-tune: the reference's TAO run used 80 epochs, batch 8, Adam with a soft-start cosine learning
 * rate from 1e-7 up to 1e-4 (soft start over the first 30%), an L1 regulariser of 3e-5 and a checkpoint every
 * 10 epochs. Early stopping watches validation AP50 (when the split has a validation side); a frozen backbone
 * trains only the neck and head; train-time augmentation flips, scales, shifts and colour-jitters the images
 * (see {@link TrainingInput}). Epochs 0 means: as many as the image count needs, within {@code budgetMinutes}
 * (see {@link EpochPlan}); a run that teaches a class the model has never seen multiplies its rates by
 * {@code newClassRate}.
 * With Adam the learning rate is relative: each weight tensor moves by about that share of its own scale per
 * step (see {@link ScaledOptimizer}); the same holds for SGD. The L1 and L2 regularisers shrink
 * convolution kernels in a step of their own (see {@link WeightSteps}).
 */
public record TrainSettings(int epochs, int batchSize, double minLearningRate, double maxLearningRate,
                            double softStart, double l1, double l2, int checkpointInterval, int earlyStopPatience,
                            boolean freezeBackbone, boolean augment, long seed, OptimizerKind optimizer,
                            double budgetMinutes, double newClassRate) {

    /** Adam (the reference's) or SGD with momentum 0.9 (YOLOX's own). */
    public enum OptimizerKind {
        ADAM("Adam (steps scaled per layer)"), SGD("SGD (momentum 0.9, steps scaled per layer)");

        private final String label;

        OptimizerKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How long a run whose epochs follow from the image count may take at most, unless told otherwise. */
    public static final double DEFAULT_BUDGET_MINUTES = 8;
    /** A run that teaches a class the model has never seen steps this much faster (see NOTES.md). */
    static final double NEW_CLASS_RATE = 10;
    /** Epochs without a better validation AP50 before a run stops. */
    static final int EARLY_STOP_PATIENCE = 10;

    public TrainSettings {
        check(epochs >= 0, "epochs must be at least 1 (or 0: from the image count and the time budget), got "
                + epochs);
        check(budgetMinutes > 0, "the time budget must be positive, got " + budgetMinutes + " minutes");
        check(newClassRate > 0, "the new-class rate factor must be positive, got " + newClassRate);
        check(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        check(minLearningRate > 0 && minLearningRate <= maxLearningRate,
                "learning rates need 0 < min <= max, got " + minLearningRate + " and " + maxLearningRate);
        check(softStart >= 0 && softStart < 1, "soft start must be in [0, 1), got " + softStart);
        check(l1 >= 0 && l2 >= 0, "regularisers must be at least 0");
        check(checkpointInterval >= 0 && earlyStopPatience >= 0, "intervals must be at least 0");
        check(optimizer != null, "name an optimizer");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The reference's settings (its TAO run). */
    public static TrainSettings reference() {
        return new TrainSettings(80, 8, 1e-7, 1e-4, 0.3, 3e-5, 0, 10, 0, false, true, 1, OptimizerKind.ADAM,
                DEFAULT_BUDGET_MINUTES, 1);
    }

    /**
     * What a run uses where nothing else is said: the reference's, with the rate that held out best on coco-dev
     * (with Loupe's relative rate, 1e-4 fitted the training images and lost 2 points of held-out AP50 against
     * 3e-5), ten times that for a new class, epochs from the image count within the time budget, early stopping
     * after 10 epochs without a better validation AP50, and a checkpoint every epoch, so a stopped run loses at
     * most one (see NOTES.md).
     */
    public static TrainSettings defaults() {
        TrainSettings r = reference();
        return new TrainSettings(0, r.batchSize(), r.minLearningRate(), 3e-5, r.softStart(), r.l1(), r.l2(), 1,
                EARLY_STOP_PATIENCE, r.freezeBackbone(), r.augment(), r.seed(), r.optimizer(), r.budgetMinutes(),
                NEW_CLASS_RATE);
    }

    public TrainSettings withEpochs(int n) {
        return new TrainSettings(n, batchSize, minLearningRate, maxLearningRate, softStart, l1, l2, checkpointInterval,
                earlyStopPatience, freezeBackbone, augment, seed, optimizer, budgetMinutes, newClassRate);
    }

    public TrainSettings withMaxLearningRate(double lr) {
        return new TrainSettings(epochs, batchSize, minLearningRate, lr, softStart, l1, l2, checkpointInterval,
                earlyStopPatience, freezeBackbone, augment, seed, optimizer, budgetMinutes, newClassRate);
    }

    public TrainSettings withL1(double weight) {
        return new TrainSettings(epochs, batchSize, minLearningRate, maxLearningRate, softStart, weight, l2,
                checkpointInterval, earlyStopPatience, freezeBackbone, augment, seed, optimizer, budgetMinutes,
                newClassRate);
    }

    public TrainSettings withFrozenBackbone(boolean frozen) {
        return new TrainSettings(epochs, batchSize, minLearningRate, maxLearningRate, softStart, l1, l2,
                checkpointInterval, earlyStopPatience, frozen, augment, seed, optimizer, budgetMinutes, newClassRate);
    }

    public TrainSettings withOptimizer(OptimizerKind kind) {
        return new TrainSettings(epochs, batchSize, minLearningRate, maxLearningRate, softStart, l1, l2,
                checkpointInterval, earlyStopPatience, freezeBackbone, augment, seed, kind, budgetMinutes, newClassRate);
    }

    /** The time budget of a run whose epochs follow from it (epochs 0). */
    public TrainSettings withBudgetMinutes(double minutes) {
        return new TrainSettings(epochs, batchSize, minLearningRate, maxLearningRate, softStart, l1, l2,
                checkpointInterval, earlyStopPatience, freezeBackbone, augment, seed, optimizer, minutes, newClassRate);
    }

    public TrainSettings withBatchSize(int n) {
        return new TrainSettings(epochs, n, minLearningRate, maxLearningRate, softStart, l1, l2, checkpointInterval,
                earlyStopPatience, freezeBackbone, augment, seed, optimizer, budgetMinutes, newClassRate);
    }
}
