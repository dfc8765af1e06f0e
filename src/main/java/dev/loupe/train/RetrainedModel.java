package dev.loupe.train;

import dev.loupe.inference.ModelCatalog;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.media.ImportImagesJob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes a retrained model into a models folder: {@code NAME.onnx} and {@code NAME.json}, the base model's
 * descriptor with the new name, file, checksum and the trained classes (the model's outputs), so
 * {@code loupe preannotate --models-dir DIR --model NAME} runs it like a shipped model.
 */
record RetrainedModel(Path onnx, Path descriptor) {

    static RetrainedModel write(ModelDescriptor base, byte[] onnxBytes, Path outDir, String name, String dataset,
                                java.util.List<String> classes) throws IOException {
        Files.createDirectories(outDir);
        Path onnx = outDir.resolve(name + ".onnx");
        Files.write(onnx, onnxBytes);
        ModelDescriptor d = new ModelDescriptor(name, "retrained-" + LocalDate.now(), base.description()
                + ", fine-tuned by Loupe on dataset '" + dataset + "' for " + String.join(", ", classes),
                new ModelDescriptor.Weights(onnx.getFileName().toString(), null, ImportImagesJob.sha256(onnxBytes)),
                base.inputWidth(), base.inputHeight(), base.colorOrder(), base.scale(), base.mean(), base.std(),
                base.resize(), base.padValue(), base.decoder(), classes, base.scoreThreshold(),
                base.nmsThreshold(), base.maxDetections());
        Path json = outDir.resolve(name + ".json");
        ModelCatalog.write(d, json);
        return new RetrainedModel(onnx, json);
    }
}
