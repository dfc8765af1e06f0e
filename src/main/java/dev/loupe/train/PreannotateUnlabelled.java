package dev.loupe.train;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Task;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateReport;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes the loop after a run: the images of a dataset that have no box in the ground-truth task are
 * pre-annotated by the retrained model into a task of their own, ready for review.
 */
public final class PreannotateUnlabelled implements Job<PreannotateReport> {
    private static final int PAGE = 10_000;

    private final ProjectStore store;
    private final String dataset;
    private final String groundTruth;
    private final String model;
    private final Path modelsDir;
    private final String task;

    public PreannotateUnlabelled(ProjectStore store, String dataset, String groundTruth, String model, Path modelsDir,
                                 String task) {
        this.store = store;
        this.dataset = dataset;
        this.groundTruth = groundTruth;
        this.model = model;
        this.modelsDir = modelsDir;
        this.task = task;
    }

    /**
     * Images of the dataset without a box in the ground-truth task: one paged scan of the task's boxes, not a
     * query per image.
     */
    public static Set<Long> unlabelled(ProjectStore store, String dataset, String groundTruth) {
        long datasetId = store.requireDataset(dataset).id();
        Set<Long> out = new HashSet<>();
        for (long id : store.imageIds(ImageFilter.all(datasetId))) {
            out.add(id);
        }
        Task.named(store.tasks(), groundTruth).ifPresent(task -> {
            BoxQuery inTask = new BoxQuery(datasetId, task.id(), null, null, null, null, null);
            long after = 0;
            List<Box> page;
            while (!(page = store.boxPage(inTask, after, PAGE)).isEmpty()) {
                page.forEach(b -> out.remove(b.imageId()));
                after = page.get(page.size() - 1).id();
            }
        });
        return out;
    }

    @Override
    public PreannotateReport run(JobContext ctx) throws Exception {
        Set<Long> images = unlabelled(store, dataset, groundTruth);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("every image of dataset '" + dataset + "' has boxes in task '"
                    + groundTruth + "': nothing to pre-annotate");
        }
        try (Detector d = Detectors.load(model, modelsDir, new Detectors.DetectorConfigOverrides(null, null, null,
                null, null, null), bytes -> { })) {
            return new PreannotateJob(store, d, new PreannotateRequest(dataset, task, Set.of(), null, null, 0, images))
                    .run(ctx);
        }
    }
}
