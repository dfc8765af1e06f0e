package dev.loupe.formats;

import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Split;
import dev.loupe.core.Task;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads annotation files and stores their boxes in a task. Every file is read before anything is stored, so a
 * file that cannot be read stores nothing. Boxes are then stored a few images at a time, each batch one short
 * transaction (others can write between them), and each image's boxes are recorded as imported: a re-run of
 * the same import, after a crash or by mistake, stores only what is missing instead of every box twice.
 */
public final class ImportAnnotationsJob implements Job<AnnotationImportReport> {
    private static final int MAX_LISTED = 20;
    /** A batch closes once it holds this many boxes, or this many images, whichever comes first. */
    private static final int BATCH_BOXES = 5_000;
    private static final int BATCH_IMAGES = 100;

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
        Stored stored;
        try (ProjectStore.RunningJob running = store.announce("import-annotations into task '" + request.task() + "'")) {
            stored = store(byImage(placed), ctx);
            if (!placed.categoryIds().isEmpty()) {
                store.rememberCocoIds(placed.categoryIds());
            }
            if (!placed.sides().isEmpty()) {
                // the layout's split joins the dataset's: images it does not name keep their side
                long datasetId = store.requireDataset(request.dataset()).id();
                Map<Long, Split> split = new HashMap<>(store.split(datasetId));
                split.putAll(placed.sides());
                store.saveSplit(datasetId, split);
            }
        }
        return new AnnotationImportReport(stored.count, stored.crowd, stored.replaced, placed.covered().size(),
                stored.perLabel, stored.already, sideCounts(placed.sides()), placed.unmatchedBoxes(),
                placed.unmatchedImages().stream().limit(MAX_LISTED).toList(), placed.imagesWithoutAnnotation(),
                placed.droppedBoxes(), capped(placed.warnings()));
    }

    /** Every image the files cover, with its boxes in file order (none for an image the files leave empty). */
    private static Map<Long, List<PlacedBox>> byImage(PlacedAnnotations placed) {
        Map<Long, List<PlacedBox>> out = new LinkedHashMap<>();
        for (long image : placed.covered()) {
            out.put(image, new ArrayList<>());
        }
        for (PlacedBox p : placed.boxes()) {
            out.computeIfAbsent(p.image().id(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static final class Stored {
        int count;
        int crowd;
        int replaced;
        int already;
        final Map<String, Integer> perLabel = new TreeMap<>();
    }

    private Stored store(Map<Long, List<PlacedBox>> boxesByImage, JobContext ctx) {
        Task task = store.task(request.task(), request.description());
        Map<String, Long> labelIds = new HashMap<>();
        Map<Long, Long> boxSets = new LinkedHashMap<>();
        for (Map.Entry<Long, List<PlacedBox>> e : boxesByImage.entrySet()) {
            boxSets.put(e.getKey(), BoxSetHash.of(e.getValue(), request.preAnnotate()));
            for (PlacedBox p : e.getValue()) {
                labelIds.computeIfAbsent(p.label(), name -> store.label(name).id());
            }
        }
        // replacing the boxes always writes them; adding skips images whose boxes this import already stored
        Set<Long> done = request.overwrite() ? Set.of() : store.alreadyImported(task.id(), boxSets);
        Stored stored = new Stored();
        Map<Long, Long> batch = new LinkedHashMap<>();
        int batchBoxes = 0;
        int seen = 0;
        for (Map.Entry<Long, List<PlacedBox>> e : boxesByImage.entrySet()) {
            seen++;
            List<PlacedBox> boxes = e.getValue();
            if (done.contains(e.getKey())) {
                stored.already += boxes.size();
            } else if (!boxes.isEmpty() || request.overwrite()) {
                batch.put(e.getKey(), boxSets.get(e.getKey()));
                batchBoxes += boxes.size();
            }
            if (batchBoxes >= BATCH_BOXES || batch.size() >= BATCH_IMAGES || seen == boxesByImage.size()) {
                ctx.checkCancelled();
                storeBatch(task, batch, boxesByImage, labelIds, stored);
                batch.clear();
                batchBoxes = 0;
                ctx.progress(seen, boxesByImage.size());
            }
        }
        return stored;
    }

    /** One transaction: the images' boxes (replacing the task's when asked) and the record that they are in. */
    private void storeBatch(Task task, Map<Long, Long> batch, Map<Long, List<PlacedBox>> boxesByImage,
                            Map<String, Long> labelIds, Stored stored) {
        if (batch.isEmpty()) {
            return;
        }
        Source source = request.preAnnotate() ? Source.MODEL : Source.HUMAN;
        ReviewStatus status = request.preAnnotate() ? ReviewStatus.PENDING : ReviewStatus.ACCEPTED;
        List<NewBox> boxes = new ArrayList<>();
        for (long image : batch.keySet()) {
            for (PlacedBox p : boxesByImage.get(image)) {
                boxes.add(new NewBox(image, task.id(), labelIds.get(p.label()), p.x(), p.y(), p.w(), p.h(), source,
                        p.score(), status, request.author(), p.crowd(), p.area(), p.flags()));
            }
        }
        store.inTransaction(() -> {
            if (request.overwrite()) {
                stored.replaced += store.deleteBoxes(task.id(), batch.keySet().stream().mapToLong(Long::longValue).toArray());
            }
            stored.count += store.addBoxes(boxes).length;
            store.recordImported(task.id(), batch, request.overwrite());
            return null;
        });
        for (long image : batch.keySet()) {
            for (PlacedBox p : boxesByImage.get(image)) {
                stored.perLabel.merge(p.label(), 1, Integer::sum);
                stored.crowd += p.crowd() ? 1 : 0;
            }
        }
    }

    private static Map<Split, Integer> sideCounts(Map<Long, Split> sides) {
        Map<Split, Integer> out = new java.util.EnumMap<>(Split.class);
        sides.values().forEach(side -> out.merge(side, 1, Integer::sum));
        return out;
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
