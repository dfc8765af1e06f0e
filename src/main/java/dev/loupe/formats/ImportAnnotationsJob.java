package dev.loupe.formats;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
        ctx.message("reading " + request.format().name() + " files");
        ParsedAnnotations parsed = request.format().read(request.inputs(), request.readOptions());
        ctx.checkCancelled();
        Dataset dataset = store.findDataset(request.dataset()).orElseThrow(() -> new AnnotationFormatException(
                "no dataset '" + request.dataset() + "' in this project (import its images first)"));
        List<ImageItem> images = allImages(dataset.id());
        ImageMatcher matcher = new ImageMatcher(images);
        Set<String> knownLabels = new HashSet<>();
        store.labels().forEach(l -> knownLabels.add(l.name()));

        List<Placed> placed = new ArrayList<>(parsed.boxes().size());
        Set<Long> covered = new LinkedHashSet<>();
        Set<String> unmatched = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        int unmatchedBoxes = 0;
        int dropped = 0;
        for (ImageRef ref : parsed.imagesWithoutBoxes()) {
            ImageItem im = matcher.match(ref);
            if (im != null) {
                covered.add(im.id());
            } else {
                unmatched.add(ref.name());
            }
        }
        int done = 0;
        for (ParsedBox parsedBox : parsed.boxes()) {
            if (++done % 10_000 == 0) {
                ctx.checkCancelled();
                ctx.progress(done, parsed.boxes().size());
            }
            ParsedBox b = withKnownSpelling(parsedBox, knownLabels);
            if (request.unknownLabels() == UnknownLabels.REJECT && !knownLabels.contains(b.label())) {
                throw new AnnotationFormatException(b.where() + ": unknown class '" + b.label()
                        + "' (expected one of the project's labels " + new java.util.TreeSet<>(knownLabels)
                        + "; import with unknown classes added to accept it)");
            }
            ImageItem im = matcher.match(b.image());
            if (im == null) {
                unmatchedBoxes++;
                unmatched.add(b.image().name());
                continue;
            }
            covered.add(im.id());
            Placed p = BoxClipper.place(b, im, warnings);
            if (p == null) {
                dropped++;
            } else {
                placed.add(p);
            }
        }
        ctx.message("storing");
        Stored stored = store(placed, covered);
        Map<String, Integer> perLabel = new TreeMap<>();
        int crowd = 0;
        for (Placed p : placed) {
            perLabel.merge(p.box().label(), 1, Integer::sum);
            crowd += p.box().crowd() ? 1 : 0;
        }
        int without = (int) images.stream().filter(im -> !covered.contains(im.id())).count();
        return new AnnotationImportReport(stored.count, crowd, stored.replaced, covered.size(), perLabel, unmatchedBoxes,
                unmatched.stream().limit(MAX_LISTED).toList(), without, dropped, capped(warnings));
    }

    /**
     * Formats without spaces in class names (KITTI) write "potted plant" as "potted_plant": such a name takes
     * the project's spaced label when the project has that one and not the underscored one.
     */
    private static ParsedBox withKnownSpelling(ParsedBox b, Set<String> knownLabels) {
        String spaced = b.label().replace('_', ' ');
        if (knownLabels.contains(b.label()) || !knownLabels.contains(spaced)) {
            return b;
        }
        return new ParsedBox(b.image(), spaced, b.x(), b.y(), b.w(), b.h(), b.normalized(), b.score(), b.crowd(), b.where());
    }

    /** A parsed box placed on its image, in pixels, inside the image. */
    record Placed(ParsedBox box, ImageItem image, double x, double y, double w, double h) {
    }

    private record Stored(int count, int replaced) {
    }

    private Stored store(List<Placed> placed, Set<Long> covered) {
        return store.inTransaction(() -> {
            Task task = store.task(request.task(), request.description());
            int replaced = request.overwrite()
                    ? store.deleteBoxes(task.id(), covered.stream().mapToLong(Long::longValue).toArray()) : 0;
            Map<String, Long> labelIds = new HashMap<>();
            Source source = request.preAnnotate() ? Source.MODEL : Source.HUMAN;
            ReviewStatus status = request.preAnnotate() ? ReviewStatus.PENDING : ReviewStatus.ACCEPTED;
            List<NewBox> batch = new ArrayList<>(Math.min(placed.size(), 50_000));
            int count = 0;
            for (Placed p : placed) {
                long label = labelIds.computeIfAbsent(p.box().label(), name -> store.label(name).id());
                batch.add(new NewBox(p.image().id(), task.id(), label, p.x(), p.y(), p.w(), p.h(), source,
                        p.box().score(), status, request.author(), p.box().crowd()));
                if (batch.size() == 50_000) {
                    count += store.addBoxes(batch).length;
                    batch.clear();
                }
            }
            count += store.addBoxes(batch).length;
            return new Stored(count, replaced);
        });
    }

    private List<ImageItem> allImages(long datasetId) {
        List<ImageItem> out = new ArrayList<>();
        ImageFilter all = ImageFilter.all(datasetId);
        List<ImageItem> page;
        long after = 0;
        while (!(page = store.imagePage(all, after, 5000)).isEmpty()) {
            out.addAll(page);
            after = page.get(page.size() - 1).id();
        }
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
