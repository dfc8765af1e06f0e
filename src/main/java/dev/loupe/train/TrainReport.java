package dev.loupe.train;

import java.nio.file.Path;
import java.util.List;

/** A finished (or early-stopped) training run: every epoch, the model written, and the speed. */
public record TrainReport(List<EpochStats> epochs, Path onnx, Path descriptor, String modelName, int trainImages,
                          double seconds, double imagesPerSecond, boolean stoppedEarly) {
    public TrainReport {
        epochs = List.copyOf(epochs);
    }
}
