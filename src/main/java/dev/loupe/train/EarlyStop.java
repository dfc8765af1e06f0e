package dev.loupe.train;

import java.util.List;

/**
 * Stops a run when validation AP50 has not improved for {@code patience} epochs (0: never). It starts from the
 * epochs a resumed run already has, so a stop and a resume do not reset the count.
 */
final class EarlyStop {
    private final int patience;
    private double best = -1;
    private int sinceBest;

    EarlyStop(int patience, List<EpochStats> history) {
        this.patience = patience;
        history.forEach(e -> shouldStop(e.validationAp50()));
    }

    /** Takes an epoch's validation AP50 (NaN when there is no validation side); true when the run should end. */
    boolean shouldStop(double ap) {
        if (Double.isNaN(ap) || patience == 0) {
            return false;
        }
        if (ap > best) {
            best = ap;
            sinceBest = 0;
            return false;
        }
        return ++sinceBest >= patience;
    }
}
