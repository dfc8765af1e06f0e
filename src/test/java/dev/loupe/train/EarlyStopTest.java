package dev.loupe.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early stopping counts epochs without a better validation AP50, across a resume too. */
class EarlyStopTest {

    private static EpochStats epoch(int n, double ap) {
        return new EpochStats(n, 10, 1, 0, 0, 0, ap, Double.NaN, 1e-5, 1);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStop stop = new EarlyStop(2, List.of());
        assertFalse(stop.shouldStop(0.5));
        assertFalse(stop.shouldStop(0.6));
        assertFalse(stop.shouldStop(0.55));
        assertTrue(stop.shouldStop(0.6), "two epochs without beating 0.6");
    }

    @Test
    void aResumedRunKeepsCounting() {
        EarlyStop stop = new EarlyStop(2, List.of(epoch(1, 0.5), epoch(2, 0.6), epoch(3, 0.55)));
        assertTrue(stop.shouldStop(0.58), "the checkpointed epoch 3 already counted");
    }

    @Test
    void withoutValidationOrPatienceItNeverStops() {
        EarlyStop none = new EarlyStop(0, List.of());
        EarlyStop blind = new EarlyStop(1, List.of());
        for (int i = 0; i < 5; i++) {
            assertFalse(none.shouldStop(0.1));
            assertFalse(blind.shouldStop(Double.NaN));
        }
    }
}
