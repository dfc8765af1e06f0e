package dev.loupe.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Training checkpoints: {@code epoch-NNN.onnx} (the averaged weights, loadable by pre-annotation too),
 * {@code epoch-NNN.state} (what an exact resume needs besides: see {@link TrainingState}) and
 * {@code epoch-NNN.json} (the epochs so far, written last), each written to a temporary file and moved into
 * place, so a killed run leaves either a whole checkpoint or none.
 */
final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A saved checkpoint; {@code trainingState} is null for checkpoints written without one. */
    record State(int epoch, Path onnx, Path trainingState, List<EpochStats> history) {
    }

    private final Path folder;

    Checkpoints(Path folder) {
        this.folder = folder;
    }

    void save(int epoch, byte[] onnx, byte[] trainingState, List<EpochStats> history) throws IOException {
        Files.createDirectories(folder);
        String base = String.format("epoch-%03d", epoch);
        atomicWrite(folder.resolve(base + ".onnx"), onnx);
        atomicWrite(folder.resolve(base + ".state"), trainingState);
        atomicWrite(folder.resolve(base + ".json"), JSON.writeValueAsBytes(history));
    }

    /** The newest checkpoint whose two files are both there. */
    Optional<State> latest() throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path json : files.filter(f -> f.getFileName().toString().matches("epoch-\\d{3}\\.json"))
                    .sorted(java.util.Comparator.reverseOrder()).toList()) {
                String base = json.getFileName().toString().replace(".json", "");
                Path onnx = folder.resolve(base + ".onnx");
                if (Files.isRegularFile(onnx)) {
                    List<EpochStats> history = JSON.readValue(json.toFile(), new TypeReference<>() { });
                    Path state = folder.resolve(base + ".state");
                    return Optional.of(new State(Integer.parseInt(base.substring(6)), onnx,
                            Files.isRegularFile(state) ? state : null, history));
                }
            }
        }
        return Optional.empty();
    }

    private static void atomicWrite(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
