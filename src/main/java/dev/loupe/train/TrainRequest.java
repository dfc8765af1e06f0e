package dev.loupe.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What to fine-tune on what: a dataset's TRAIN side with the ground truth of {@code task} for {@code classes},
 * starting from {@code model} (found in {@code modelsDir}); the result is written to {@code outDir} as
 * {@code outName}.onnx with its descriptor. {@code resumeFrom} is a checkpoint folder to continue, or null.
 */
public record TrainRequest(String dataset, String task, List<String> classes, String model, Path modelsDir,
                           Path outDir, String outName, TrainSettings settings, Path resumeFrom) {
    public TrainRequest {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("name at least one class to train");
        }
    }
}
