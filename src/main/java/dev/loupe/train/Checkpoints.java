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
 * {@code epoch-NNN.state} (what an exact resume needs besides, kept for the newest checkpoint only: see
 * {@link TrainingState}) and
 * {@code epoch-NNN.json} (the epochs so far, written last), each written to a temporary file and moved into
 * place, so a killed run leaves either a whole checkpoint or none. {@code run.json} holds the run's request
 * while it is unfinished, so it can be found and continued (see {@link UnfinishedRuns}).
 */
final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RUN_FILE = "run.json";

    /** A saved checkpoint: its files and the epochs so far. */
    record State(int epoch, Path onnx, Path trainingState, List<EpochStats> history) {
    }

    private final Path folder;

    Checkpoints(Path folder) {
        this.folder = folder;
    }

    /** Drops an earlier run's checkpoints of the same name and records this run's request. */
    void startAfresh(TrainRequest request) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("epoch-")).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(folder);
        atomicWrite(folder.resolve(RUN_FILE), JSON.writeValueAsBytes(request));
    }

    /** The run wrote its model: it is no longer one to continue (its checkpoints stay). */
    void finished() throws IOException {
        Files.deleteIfExists(folder.resolve(RUN_FILE));
    }

    /** The request of the run these checkpoints belong to, while it is unfinished. */
    static Optional<TrainRequest> unfinishedRequest(Path folder) throws IOException {
        Path run = folder.resolve(RUN_FILE);
        return Files.isRegularFile(run) ? Optional.of(JSON.readValue(run.toFile(), TrainRequest.class))
                : Optional.empty();
    }

    void save(int epoch, byte[] onnx, byte[] trainingState, List<EpochStats> history) throws IOException {
        Files.createDirectories(folder);
        String base = String.format("epoch-%03d", epoch);
        atomicWrite(folder.resolve(base + ".onnx"), onnx);
        atomicWrite(folder.resolve(base + ".state"), trainingState);
        atomicWrite(folder.resolve(base + ".json"), JSON.writeValueAsBytes(history));
        // only the newest state is ever resumed from; each is four times the size of its model
        try (Stream<Path> files = Files.list(folder)) {
            for (Path old : files.filter(f -> f.getFileName().toString().matches("epoch-\\d{3}\\.state")
                    && !f.getFileName().toString().equals(base + ".state")).toList()) {
                Files.delete(old);
            }
        }
    }

    /** The averaged weights checkpointed after this epoch (the file may be missing). */
    Path onnxOf(int epoch) {
        return folder.resolve(String.format("epoch-%03d.onnx", epoch));
    }

    /** The newest checkpoint whose files are all there (its history is written last). */
    Optional<State> latest() throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path json : files.filter(f -> f.getFileName().toString().matches("epoch-\\d{3}\\.json"))
                    .sorted(java.util.Comparator.reverseOrder()).toList()) {
                String base = json.getFileName().toString().replace(".json", "");
                Path onnx = folder.resolve(base + ".onnx");
                Path state = folder.resolve(base + ".state");
                if (Files.isRegularFile(onnx) && Files.isRegularFile(state)) {
                    List<EpochStats> history = JSON.readValue(json.toFile(), new TypeReference<>() { });
                    return Optional.of(new State(Integer.parseInt(base.substring(6)), onnx, state, history));
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
