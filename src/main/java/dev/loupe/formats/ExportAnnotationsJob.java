package dev.loupe.formats;

import dev.loupe.core.Box;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.Split;
import dev.loupe.core.Task;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a dataset's boxes (all, or a filter of them) to a folder in one format, one image at a time. */
public final class ExportAnnotationsJob implements Job<ExportReport> {
    private static final int PAGE = 1000;

    private final ProjectStore store;
    private final ExportRequest request;

    public ExportAnnotationsJob(ProjectStore store, ExportRequest request) {
        this.store = store;
        this.request = request;
    }

    @Override
    public ExportReport run(JobContext ctx) throws Exception {
        Dataset dataset = store.requireDataset(request.dataset());
        Long taskId = null;
        if (request.task() != null) {
            taskId = store.tasks().stream().filter(t -> t.name().equals(request.task())).map(Task::id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no task '" + request.task() + "' in this project"));
        }
        Map<Long, String> names = exportedNames();
        List<String> classes = request.classNames().isEmpty()
                ? new ArrayList<>(new LinkedHashSet<>(names.values())) : request.classNames();
        ImageFilter all = ImageFilter.all(dataset.id());
        Map<Long, Split> split = request.side() == null ? null : store.split(dataset.id());
        if (split != null && split.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + request.dataset() + "' has no split yet: run 'loupe split' first");
        }
        long total = split == null ? store.countImages(all)
                : split.values().stream().filter(side -> side == request.side()).count();
        int images = 0;
        int boxes = 0;
        int crowdLeftOut = 0;
        try (AnnotationWriter writer = request.format().writer(request.outDir(),
                new WriteOptions(classes, request.images(), importedImages(), store.split(dataset.id()), cocoIds(names),
                        store.imageBytes()))) {
            long after = 0;
            List<ImageItem> page;
            while (!(page = store.imagePage(all, after, PAGE)).isEmpty()) {
                for (ImageItem image : page) {
                    ctx.checkCancelled();
                    if (split != null && split.get(image.id()) != request.side()) {
                        continue;
                    }
                    List<ExportBox> out = new ArrayList<>();
                    for (Box b : store.boxes(image.id())) {
                        if (!selected(b, taskId, names)) {
                            continue;
                        }
                        if (b.crowd() && !request.format().holdsCrowdRegions()) {
                            crowdLeftOut++;
                            continue;
                        }
                        out.add(new ExportBox(names.get(b.labelId()), b.x(), b.y(), b.w(), b.h(), b.score(), b.crowd(),
                                b.area(), b.flags()));
                    }
                    writer.write(image, out);
                    images++;
                    boxes += out.size();
                    ctx.progress(images, total);
                }
                after = page.get(page.size() - 1).id();
            }
        }
        return new ExportReport(images, boxes, crowdLeftOut, classes);
    }

    /** Every image file of the project, wherever it lies: an export into its folder must leave them alone. */
    private Set<java.nio.file.Path> importedImages() {
        Set<java.nio.file.Path> out = new java.util.HashSet<>();
        for (Dataset d : store.datasets()) {
            long after = 0;
            List<ImageItem> page;
            while (!(page = store.imagePage(ImageFilter.all(d.id()), after, PAGE)).isEmpty()) {
                page.forEach(im -> out.add(java.nio.file.Path.of(im.path()).toAbsolutePath().normalize()));
                after = page.get(page.size() - 1).id();
            }
        }
        return out;
    }

    /** Category ids of the labels exported under their own name (a mapped class is a new one). */
    private Map<String, Integer> cocoIds(Map<Long, String> names) {
        Map<String, Integer> ids = store.cocoIds();
        Map<String, Integer> out = new HashMap<>();
        for (Label l : store.labels()) {
            if (l.name().equals(names.get(l.id())) && ids.containsKey(l.name())) {
                out.put(l.name(), ids.get(l.name()));
            }
        }
        return out;
    }

    /** Label id → exported class name, for the labels the request keeps. */
    private Map<Long, String> exportedNames() {
        Map<Long, String> out = new HashMap<>();
        for (Label l : store.labels()) {
            if (!request.labels().isEmpty() && !request.labels().contains(l.name())) {
                continue;
            }
            String mapped = request.classMap().getOrDefault(l.name(), l.name());
            if (!mapped.isEmpty()) {
                out.put(l.id(), mapped);
            }
        }
        if (!request.classNames().isEmpty()) {
            Set<String> known = Set.copyOf(request.classNames());
            out.values().removeIf(n -> !known.contains(n));
        }
        return new java.util.TreeMap<>(out);
    }

    private boolean selected(Box b, Long taskId, Map<Long, String> names) {
        return (taskId == null || b.taskId() == taskId)
                && (request.statuses().isEmpty() || request.statuses().contains(b.status()))
                && names.containsKey(b.labelId());
    }
}
