package dev.loupe.metrics;

import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.ImageMetrics;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.jobs.Workers;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Computes the metrics of a dataset that are missing or stale (an image whose content changed, a box edited
 * since), decoding each image once, on all cores; results are cached in the store in batches.
 */
public final class MetricsJob implements Job<MetricsReport> {
    private static final int BATCH = 64;

    private final ProjectStore store;
    private final String dataset;

    public MetricsJob(ProjectStore store, String dataset) {
        this.store = store;
        this.dataset = dataset;
    }

    /** The work for one image: what to compute, and the outcome. */
    private record Work(ImageItem image, boolean imageNeeded, List<Box> boxes) {
    }

    private record Done(Work work, MetricsCalculator.Result result, String problem) {
    }

    @Override
    public MetricsReport run(JobContext ctx) throws InterruptedException {
        try (ProjectStore.RunningJob running = store.announce("metrics of dataset '" + dataset + "'")) {
            return computeAll(ctx);
        }
    }

    private MetricsReport computeAll(JobContext ctx) throws InterruptedException {
        long start = System.nanoTime();
        Dataset ds = store.requireDataset(dataset);
        Set<Long> currentImages = store.imagesWithCurrentMetrics(ds.id());
        Set<Long> currentBoxes = store.boxesWithCurrentMetrics(ds.id());
        List<Work> todo = new ArrayList<>();
        int current = 0;
        ImageFilter all = ImageFilter.all(ds.id());
        long after = 0;
        List<ImageItem> page;
        while (!(page = store.imagePage(all, after, 2000)).isEmpty()) {
            for (ImageItem im : page) {
                List<Box> stale = store.boxes(im.id()).stream().filter(b -> !currentBoxes.contains(b.id())).toList();
                boolean imageNeeded = !currentImages.contains(im.id());
                if (imageNeeded || !stale.isEmpty()) {
                    todo.add(new Work(im, imageNeeded, stale));
                } else {
                    current++;
                }
            }
            after = page.get(page.size() - 1).id();
        }
        int images = 0;
        int boxes = 0;
        List<JobProblem> skipped = new ArrayList<>();
        ExecutorService pool = Workers.pool("loupe-metrics");
        try {
            for (int startAt = 0; startAt < todo.size(); startAt += BATCH) {
                ctx.checkCancelled();
                List<Future<Done>> futures = new ArrayList<>();
                for (Work w : todo.subList(startAt, Math.min(todo.size(), startAt + BATCH))) {
                    futures.add(pool.submit(() -> compute(w)));
                }
                List<ImageMetrics> imageRows = new ArrayList<>();
                List<BoxMetrics> boxRows = new ArrayList<>();
                for (Future<Done> f : futures) {
                    Done d = Workers.await(f);
                    if (d.problem() != null) {
                        skipped.add(new JobProblem(d.work().image().path(), d.problem()));
                        ctx.problem(d.work().image().path(), d.problem());
                        continue;
                    }
                    if (d.work().imageNeeded()) {
                        imageRows.add(d.result().image());
                    }
                    boxRows.addAll(d.result().boxes());
                }
                store.inTransaction(() -> {
                    store.saveImageMetrics(imageRows);
                    store.saveBoxMetrics(boxRows);
                    return null;
                });
                images += imageRows.size();
                boxes += boxRows.size();
                ctx.progress(Math.min(todo.size(), startAt + BATCH), todo.size());
            }
        } finally {
            pool.shutdownNow();
        }
        return new MetricsReport(images, boxes, current, skipped, (System.nanoTime() - start) / 1e9);
    }

    private Done compute(Work w) {
        try {
            var img = ImageDecoder.decode(store.imageBytes(), w.image());
            return new Done(w, MetricsCalculator.compute(w.image().id(), img, w.boxes()), null);
        } catch (UnreadableImageException | RuntimeException e) {
            return new Done(w, null, e.getMessage());
        } catch (OutOfMemoryError e) { // one image's failure, not the run's
            return new Done(w, null, "not enough memory to measure it");
        }
    }
}
