package dev.loupe.train;

/**
 * How many epochs a run gets when the user does not say (epochs 0): enough passes for a small set to be learnt,
 * fewer for a large one, and no more than the time budget allows once the first epoch has shown the speed.
 * Derived from the first epoch's time, so a resumed run plans exactly as it did before it stopped.
 */
final class EpochPlan {
    /** Image presentations that teach a new class well (see NOTES.md: raccoon, 156 training images). */
    static final int TARGET_IMAGES = 4000;
    static final int MIN_EPOCHS = 3;
    static final int MAX_EPOCHS = 60;

    private EpochPlan() {
    }

    /** Epochs for this many training images, before any epoch has run. */
    static int fromImageCount(int trainImages) {
        int epochs = (int) Math.ceil(TARGET_IMAGES / (double) Math.max(1, trainImages));
        return Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, epochs));
    }

    /** The planned epochs cut to what fits the budget at the first epoch's pace (at least one). */
    static int withinBudget(int planned, double firstEpochSeconds, double budgetMinutes) {
        int fit = (int) Math.floor(budgetMinutes * 60 / Math.max(1e-3, firstEpochSeconds));
        return Math.max(1, Math.min(planned, fit));
    }
}
