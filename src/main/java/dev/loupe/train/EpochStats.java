package dev.loupe.train;

/** One epoch: mean loss and its parts per image, validation AP50 (NaN without a validation side), LR at its end. */
public record EpochStats(int epoch, double loss, double iouLoss, double objectnessLoss, double classLoss,
                         double validationAp50, double learningRate, double seconds) {
}
