package dev.loupe.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Training runs into a folder that stopped before writing their model (cancelled, or the app died) and have a
 * checkpoint to continue from: the Retrain window offers to resume them.
 */
public final class UnfinishedRuns {

    /** A run to continue: its request, the epochs its last checkpoint holds, and how many it plans in all. */
    public record Run(TrainRequest request, int epochsDone, int plannedEpochs) {
    }

    private UnfinishedRuns() {
    }

    /** The unfinished runs into {@code outDir}, the most recently checkpointed first. */
    public static List<Run> in(Path outDir) throws IOException {
        Path root = outDir.resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.filter(Files::isDirectory).toList();
        }
        Map<Run, FileTime> checkpointed = new HashMap<>();
        for (Path folder : folders) {
            Optional<TrainRequest> request = Checkpoints.unfinishedRequest(folder);
            Optional<Checkpoints.State> last = new Checkpoints(folder).latest();
            if (request.isPresent() && last.isPresent()) {
                TrainRequest r = request.get(); // its folder as found now: the project may have moved
                List<EpochStats> history = last.get().history();
                int planned = history.isEmpty() ? r.settings().epochs()
                        : history.get(history.size() - 1).plannedEpochs();
                checkpointed.put(new Run(new TrainRequest(r.dataset(), r.task(), r.classes(), r.model(), r.modelsDir(),
                        outDir, r.outName(), r.settings(), true), last.get().epoch(), planned),
                        Files.getLastModifiedTime(last.get().onnx()));
            }
        }
        return checkpointed.keySet().stream()
                .sorted(Comparator.comparing((Run run) -> checkpointed.get(run)).reversed()).toList();
    }
}
