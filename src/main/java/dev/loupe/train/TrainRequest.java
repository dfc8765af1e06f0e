package dev.loupe.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What to fine-tune on what: a dataset's TRAIN side with the ground truth of {@code task} for {@code classes},
 * starting from {@code model} (found in {@code modelsDir}); the result is written to {@code outDir} as
 * {@code outName}.onnx with its descriptor. Checkpoints go to {@link #checkpointFolder()}; with {@code resume}
 * the run continues from the last one there, else it starts afresh and drops them.
 */
public record TrainRequest(String dataset, String task, List<String> classes, String model, Path modelsDir,
                           Path outDir, String outName, TrainSettings settings, boolean resume) {
    public TrainRequest {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("name at least one class to train");
        }
    }

    /** Where the run writes its epoch curve as CSV (minutes, loss, AP50), after every epoch. */
    public Path curveFile() {
        return outDir.resolve(outName + ".epochs.csv");
    }

    /** This run's checkpoints: one folder per model name, so runs into the same folder keep theirs apart. */
    public Path checkpointFolder() {
        return outDir.resolve("checkpoints").resolve(outName);
    }

}
