package dev.loupe.formats;

import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads annotation files and stores their boxes in a task, all in one transaction: a file that cannot be
 * read stores nothing. Boxes are matched to dataset images, clipped to them, and reported when set aside.
 */
public final class ImportAnnotationsJob implements Job<AnnotationImportReport> {
    private static final int MAX_LISTED = 20;

    private final ProjectStore store;
    private final AnnotationImportRequest request;

    public ImportAnnotationsJob(ProjectStore store, AnnotationImportRequest request) {
        this.store = store;
        this.request = request;
    }

    @Override
    public AnnotationImportReport run(JobContext ctx) throws AnnotationFormatException {
        PlacedAnnotations placed = PlacedAnnotations.resolve(store, request.dataset(), request.format(), request.inputs(),
                request.readOptions(), request.unknownLabels(), ctx);
        ctx.message("storing");
        Stored stored = store(placed.boxes(), placed.covered());
        Map<String, Integer> perLabel = new TreeMap<>();
        int crowd = 0;
        for (PlacedBox p : placed.boxes()) {
            perLabel.merge(p.label(), 1, Integer::sum);
            crowd += p.crowd() ? 1 : 0;
        }
        return new AnnotationImportReport(stored.count, crowd, stored.replaced, placed.covered().size(), perLabel,
                placed.unmatchedBoxes(), placed.unmatchedImages().stream().limit(MAX_LISTED).toList(),
                placed.imagesWithoutAnnotation(), placed.droppedBoxes(), capped(placed.warnings()));
    }

    private record Stored(int count, int replaced) {
    }

    private Stored store(List<PlacedBox> placed, Set<Long> covered) {
        return store.inTransaction(() -> {
            Task task = store.task(request.task(), request.description());
            int replaced = request.overwrite()
                    ? store.deleteBoxes(task.id(), covered.stream().mapToLong(Long::longValue).toArray()) : 0;
            Map<String, Long> labelIds = new HashMap<>();
            Source source = request.preAnnotate() ? Source.MODEL : Source.HUMAN;
            ReviewStatus status = request.preAnnotate() ? ReviewStatus.PENDING : ReviewStatus.ACCEPTED;
            List<NewBox> batch = new ArrayList<>(Math.min(placed.size(), 50_000));
            int count = 0;
            for (PlacedBox p : placed) {
                long label = labelIds.computeIfAbsent(p.label(), name -> store.label(name).id());
                batch.add(new NewBox(p.image().id(), task.id(), label, p.x(), p.y(), p.w(), p.h(), source,
                        p.score(), status, request.author(), p.crowd()));
                if (batch.size() == 50_000) {
                    count += store.addBoxes(batch).length;
                    batch.clear();
                }
            }
            count += store.addBoxes(batch).length;
            return new Stored(count, replaced);
        });
    }

    private static List<String> capped(List<String> warnings) {
        if (warnings.size() <= MAX_LISTED) {
            return warnings;
        }
        List<String> out = new ArrayList<>(warnings.subList(0, MAX_LISTED));
        out.add("… and " + (warnings.size() - MAX_LISTED) + " more");
        return out;
    }
}
