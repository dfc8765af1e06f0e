package dev.loupe.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Training runs into a folder that stopped before writing their model (cancelled, or the app died) and have a
 * checkpoint to continue from: the Retrain window offers to resume them.
 */
public final class UnfinishedRuns {

    /** A run to continue: its request and the epochs its last checkpoint holds. */
    public record Run(TrainRequest request, int epochsDone) {
    }

    private UnfinishedRuns() {
    }

    /** The unfinished runs into {@code outDir}, the most recently checkpointed first. */
    public static List<Run> in(Path outDir) throws IOException {
        Path root = outDir.resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.filter(Files::isDirectory).toList();
        }
        for (Path folder : folders.stream().sorted(Comparator.comparing(UnfinishedRuns::lastWrite).reversed()).toList()) {
            Optional<TrainRequest> request = Checkpoints.unfinishedRequest(folder);
            Optional<Checkpoints.State> last = new Checkpoints(folder).latest();
            if (request.isPresent() && last.isPresent()) {
                TrainRequest r = request.get(); // its folder as found now: the project may have moved
                runs.add(new Run(new TrainRequest(r.dataset(), r.task(), r.classes(), r.model(), r.modelsDir(), outDir,
                        r.outName(), r.settings(), true), last.get().epoch()));
            }
        }
        return runs;
    }

    private static long lastWrite(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
