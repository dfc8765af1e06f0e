package dev.loupe.train;

/**
 * One epoch: mean loss and its parts per image, validation AP50 (NaN without a validation side; it chooses the
 * best epoch and stops early), test AP50 (NaN unless there is no validation side: then it only draws the curve
 * of AP against time, it chooses nothing), the LR at its end, its seconds (training and scoring), and how many
 * epochs the run plans.
 */
public record EpochStats(int epoch, int plannedEpochs, double loss, double iouLoss, double objectnessLoss,
                         double classLoss, double validationAp50, double testAp50, double learningRate,
                         double seconds) {
}
