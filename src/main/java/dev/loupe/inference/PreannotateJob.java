package dev.loupe.inference;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.formats.AnnotationWriter;
import dev.loupe.formats.ExportBox;
import dev.loupe.formats.KittiFormat;
import dev.loupe.formats.WriteOptions;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ProjectStore;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a detector over a dataset and stores its boxes as predictions to review. Decoding and preprocessing
 * run on their own threads ahead of inference through a small bounded queue, one inference thread per model
 * session, and the job's own thread stores results in batches: every stage stays busy and memory stays flat.
 * Each stored batch also records the images as done for this model version, so a cancelled or killed run
 * resumes where it stopped.
 */
public final class PreannotateJob implements Job<PreannotateReport> {
    private static final int STORE_BATCH = 32;

    private final ProjectStore store;
    private final Detector detector;
    private final PreannotateRequest request;
    private final LongAdder decodeNanos = new LongAdder();
    private final LongAdder prepareNanos = new LongAdder();
    private final LongAdder inferNanos = new LongAdder();
    private final AtomicBoolean stop = new AtomicBoolean();

    public PreannotateJob(ProjectStore store, Detector detector, PreannotateRequest request) {
        this.store = store;
        this.detector = detector;
        this.request = request;
    }

    /** One image through the pipeline: its detections, or why it was skipped. */
    private record Outcome(ImageItem image, PreparedImage input, List<Detection> detections, String problem) {
    }

    @Override
    public PreannotateReport run(JobContext ctx) throws Exception {
        try (ProjectStore.RunningJob running = store.announce("preannotate dataset '" + request.dataset() + "' into task '" + request.task() + "'")) {
            return preannotate(ctx);
        }
    }

    private PreannotateReport preannotate(JobContext ctx) throws Exception {
        long start = System.nanoTime();
        Dataset dataset = store.requireDataset(request.dataset());
        String key = detector.descriptor().key();
        Task task = store.task(request.task(), "Predictions of " + key);
        Set<Long> done = store.inferredImages(task.id(), key);
        List<ImageItem> todo = new ArrayList<>();
        ImageFilter all = ImageFilter.all(dataset.id());
        long after = 0;
        List<ImageItem> page;
        while (!(page = store.imagePage(all, after, 2000)).isEmpty()) {
            page.stream().filter(im -> !done.contains(im.id())
                    && (request.onlyImages() == null || request.onlyImages().contains(im.id()))).forEach(todo::add);
            after = page.get(page.size() - 1).id();
        }
        int sessions = detector.config().sessions();
        BlockingQueue<Outcome> ready = new ArrayBlockingQueue<>(2 * sessions);
        BlockingQueue<Outcome> results = new ArrayBlockingQueue<>(4 * sessions + STORE_BATCH);
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        if (request.decodeThreads() == 0) {
            // each session's thread prepares its own next image: on CPU cores nothing waits and nothing is handed over
            for (int i = 0; i < sessions; i++) {
                Detector.Session session = detector.session(i);
                threads.add(start("loupe-infer-" + i, () -> workerLoop(session, todo, next, results)));
            }
        } else {
            for (int i = 0; i < request.decodeThreads(); i++) {
                threads.add(start("loupe-decode-" + i, () -> decodeLoop(todo, next, ready, results)));
            }
            for (int i = 0; i < sessions; i++) {
                Detector.Session session = detector.session(i);
                threads.add(start("loupe-infer-" + i, () -> inferLoop(session, ready, results)));
            }
        }
        long storeNanos = 0;
        int stored = 0;
        int boxes = 0;
        List<JobProblem> skipped = new ArrayList<>();
        Map<String, Long> labelIds = new HashMap<>();
        try (AnnotationWriter kitti = request.kittiOut() == null ? null : new KittiFormat().writer(request.kittiOut(),
                new WriteOptions(detector.descriptor().classNames(), WriteOptions.ImageFiles.NONE))) {
            List<Outcome> batch = new ArrayList<>();
            for (int n = 0; n < todo.size(); n++) {
                Outcome o = take(results, ctx);
                if (o.problem() != null) {
                    skipped.add(new JobProblem(o.image().path(), o.problem()));
                    ctx.problem(o.image().path(), o.problem());
                }
                batch.add(o);
                if (batch.size() == STORE_BATCH || n == todo.size() - 1) {
                    long t = System.nanoTime();
                    boxes += storeBatch(batch, task, key, labelIds, kitti);
                    storeNanos += System.nanoTime() - t;
                    stored += batch.size();
                    batch.clear();
                    ctx.progress(stored, todo.size());
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.interrupt();
                t.join();
            }
        }
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("decode", decodeNanos.sum() / 1e6);
        stages.put("preprocess", prepareNanos.sum() / 1e6);
        stages.put("inference", inferNanos.sum() / 1e6);
        stages.put("postprocessAndStore", storeNanos / 1e6);
        return new PreannotateReport(stored, done.size(), boxes, skipped, (System.nanoTime() - start) / 1e9, stages);
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the next result, checking for cancellation; a cancelled run keeps its stored batches. */
    private Outcome take(BlockingQueue<Outcome> results, JobContext ctx) throws InterruptedException {
        while (true) {
            ctx.checkCancelled();
            Outcome o = results.poll(100, TimeUnit.MILLISECONDS);
            if (o != null) {
                return o;
            }
        }
    }

    /** Decodes and prepares one image; a failure (any, memory included) is that image's outcome, never lost. */
    private Outcome prepare(ImageItem image, Preprocessor pre) {
        try {
            long t = System.nanoTime();
            BufferedImage img = ImageDecoder.decode(store.imageBytes(), image);
            long t2 = System.nanoTime();
            PreparedImage input = pre.prepare(img);
            long t3 = System.nanoTime();
            decodeNanos.add(t2 - t);
            prepareNanos.add(t3 - t2);
            return new Outcome(image, input, null, null);
        } catch (UnreadableImageException | RuntimeException e) {
            return new Outcome(image, null, List.of(), e.getMessage());
        } catch (OutOfMemoryError e) { // the image's result must still arrive, or the run waits for ever
            return new Outcome(image, null, List.of(), "not enough memory to prepare it");
        }
    }

    private Outcome infer(Detector.Session session, Outcome in) {
        try {
            long t = System.nanoTime();
            List<Detection> found = session.detect(in.input());
            inferNanos.add(System.nanoTime() - t);
            return new Outcome(in.image(), null, found, null);
        } catch (ModelException | RuntimeException e) {
            return new Outcome(in.image(), null, List.of(), "inference failed: " + e.getMessage());
        }
    }

    private void workerLoop(Detector.Session session, List<ImageItem> todo, AtomicInteger next,
                            BlockingQueue<Outcome> results) {
        Preprocessor pre = new Preprocessor(detector.descriptor());
        try {
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < todo.size()) {
                Outcome prepared = prepare(todo.get(i), pre);
                results.put(prepared.problem() != null ? prepared : infer(session, prepared));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void decodeLoop(List<ImageItem> todo, AtomicInteger next, BlockingQueue<Outcome> ready,
                            BlockingQueue<Outcome> results) {
        Preprocessor pre = new Preprocessor(detector.descriptor());
        try {
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < todo.size()) {
                Outcome prepared = prepare(todo.get(i), pre);
                (prepared.problem() != null ? results : ready).put(prepared);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void inferLoop(Detector.Session session, BlockingQueue<Outcome> ready, BlockingQueue<Outcome> results) {
        try {
            while (!stop.get()) {
                Outcome in = ready.poll(100, TimeUnit.MILLISECONDS);
                if (in != null) {
                    results.put(infer(session, in));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores a batch of results and marks its images done, in one transaction; returns the boxes stored. */
    private int storeBatch(List<Outcome> batch, Task task, String key, Map<String, Long> labelIds,
                           AnnotationWriter kitti) throws java.io.IOException {
        List<NewBox> boxes = new ArrayList<>();
        long[] doneIds = new long[batch.size()];
        int k = 0;
        for (Outcome o : batch) {
            doneIds[k++] = o.image().id();
            List<ExportBox> kittiBoxes = new ArrayList<>();
            for (Detection d : o.detections()) {
                if (!request.classes().isEmpty() && !request.classes().contains(d.label())) {
                    continue;
                }
                String label = request.labelMap().getOrDefault(d.label(), d.label());
                long labelId = labelIds.computeIfAbsent(label, name -> store.label(name).id());
                boxes.add(new NewBox(o.image().id(), task.id(), labelId, d.x(), d.y(), d.w(), d.h(), Source.MODEL,
                        d.score(), ReviewStatus.PENDING, "model:" + detector.descriptor().name()));
                kittiBoxes.add(new ExportBox(d.label(), d.x(), d.y(), d.w(), d.h(), d.score(), false));
            }
            if (kitti != null && o.problem() == null) {
                kitti.write(o.image(), kittiBoxes);
            }
        }
        store.inTransaction(() -> {
            store.addBoxes(boxes);
            store.markInferred(task.id(), key, doneIds);
            return null;
        });
        return boxes.size();
    }
}
