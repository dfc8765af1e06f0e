package dev.loupe.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Epochs from the image count, cut to the time budget at the first epoch's pace. */
class EpochPlanTest {

    @Test
    void smallSetsGetManyPassesLargeOnesFew() {
        assertEquals(26, EpochPlan.fromImageCount(156), "ceil(4000 / 156)");
        assertEquals(EpochPlan.MAX_EPOCHS, EpochPlan.fromImageCount(6));
        assertEquals(EpochPlan.MIN_EPOCHS, EpochPlan.fromImageCount(100_000));
    }

    @Test
    void theBudgetCutsThePlanButNeverBelowOneEpoch() {
        assertEquals(26, EpochPlan.withinBudget(26, 9, 8), "26 epochs of 9 s fit in 8 minutes");
        assertEquals(12, EpochPlan.withinBudget(26, 40, 8), "480 s / 40 s");
        assertEquals(1, EpochPlan.withinBudget(26, 3600, 8), "one epoch longer than the budget still runs");
    }
}
