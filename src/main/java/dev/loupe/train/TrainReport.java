package dev.loupe.train;

import dev.loupe.jobs.JobProblem;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished (or early-stopped) training run: every epoch, the model written and the epoch its weights are from
 * (0: the starting weights, which no epoch beat on validation), the speed, and the images (training, validation or
 * test) that could not be read: left out, each with its reason.
 */
public record TrainReport(List<EpochStats> epochs, Path onnx, Path descriptor, String modelName, int trainImages,
                          double seconds, double imagesPerSecond, boolean stoppedEarly, int writtenEpoch,
                          List<JobProblem> unreadable) {
    public TrainReport {
        epochs = List.copyOf(epochs);
        unreadable = List.copyOf(unreadable);
    }

    /** Which weights went into the model, in words: the last epoch's, the best validated one's, or the starting ones. */
    public String writtenWeights() {
        int last = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        return writtenEpoch == 0 ? "the starting weights: no epoch beat them on validation"
                : writtenEpoch == last ? "epoch " + last : "epoch " + writtenEpoch + ", the best on validation";
    }
}
