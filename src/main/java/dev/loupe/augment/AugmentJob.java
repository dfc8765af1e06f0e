package dev.loupe.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Box;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.JpegEncoder;
import dev.loupe.store.ProjectStore;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes a plan's copies: decode the source, apply its recipe to the pixels and every box, write a JPEG under
 * the project's cache, and store image, boxes (source AUGMENTED, same task, label and status) and the link to
 * source and cluster in one transaction per batch. Copies already stored are skipped, so a rerun resumes.
 * Evaluation caches are not carried over: they hold what a model found on the source, not on the copy, and a
 * copy carrying them would be scored with transformed detections instead of the model's own.
 */
public final class AugmentJob implements Job<AugmentJob.Report> {
    private static final int BATCH = 16;

    /** Copies made, boxes stored and boxes dropped (pushed out of the image). */
    public record Report(int copies, int boxes, int droppedBoxes, int alreadyThere, double seconds,
                         List<JobProblem> failed) {
        public Report {
            failed = List.copyOf(failed);
        }
    }

    private final ProjectStore store;
    private final String dataset;
    private final RebalancePlan plan;
    private final AugmentRanges ranges;
    private final Path folder;
    private final Set<Long> evaluationCaches;

    /** {@code folder} receives the images, under each copy's file name. */
    public AugmentJob(ProjectStore store, String dataset, RebalancePlan plan, AugmentRanges ranges, Path folder) {
        this.store = store;
        this.dataset = dataset;
        this.plan = plan;
        this.ranges = ranges;
        this.folder = folder;
        this.evaluationCaches = Task.evaluationCacheIds(store.tasks());
    }

    /** A copy made, or why it could not be (then {@code image} is null). */
    private record Made(RebalancePlan.Copy copy, NewImage image, Recipe recipe, List<NewBox> boxes, int dropped,
                        String problem) {
        static Made failed(RebalancePlan.Copy copy, String problem) {
            return new Made(copy, null, null, List.of(), 0, problem);
        }
    }

    @Override
    public Report run(JobContext ctx) throws Exception {
        try (ProjectStore.RunningJob running = store.announce("augment dataset '" + dataset + "'")) {
            return augmentAll(ctx);
        }
    }

    private Report augmentAll(JobContext ctx) throws Exception {
        long start = System.nanoTime();
        Dataset ds = store.requireDataset(dataset);
        Set<String> stored = store.imagePaths(ds.id());
        List<RebalancePlan.Copy> todo = plan.copies().stream().filter(c -> !stored.contains(c.relativePath())).toList();
        int already = plan.copies().size() - todo.size();
        int copies = 0;
        int boxes = 0;
        int dropped = 0;
        List<JobProblem> failed = new ArrayList<>();
        for (int at = 0; at < todo.size(); at += BATCH) {
            ctx.checkCancelled();
            List<Made> made = todo.subList(at, Math.min(todo.size(), at + BATCH)).parallelStream()
                    .map(this::make).toList();
            store.inTransaction(() -> {
                for (Made m : made) {
                    if (m.image() == null) {
                        continue;
                    }
                    long id = store.addImages(ds.id(), List.of(m.image()))[0];
                    store.addBoxes(m.boxes().stream().map(b -> new NewBox(id, b.taskId(), b.labelId(), b.x(), b.y(),
                            b.w(), b.h(), b.source(), b.score(), b.status(), b.author(), b.crowd())).toList());
                    store.addAugmentedImages(List.of(new AugmentedImage(id, m.copy().sourceImageId(),
                            m.copy().cluster(), json(m.recipe()))));
                }
                return null;
            });
            for (Made m : made) {
                if (m.image() == null) {
                    failed.add(new JobProblem("copy of image " + m.copy().sourceImageId(), m.problem()));
                    continue;
                }
                copies++;
                boxes += m.boxes().size();
                dropped += m.dropped();
            }
            ctx.progress(already + copies, plan.copies().size());
        }
        return new Report(copies, boxes, dropped, already, (System.nanoTime() - start) / 1e9, failed);
    }

    private Made make(RebalancePlan.Copy copy) {
        try {
            ImageItem source = store.image(copy.sourceImageId()).orElseThrow();
            BufferedImage img = ImageDecoder.decode(store.imageBytes(), source);
            List<Box> sourceBoxes = store.boxes(source.id()).stream()
                    .filter(b -> !evaluationCaches.contains(b.taskId())).toList();
            List<Augmenter.Rect> rects = sourceBoxes.stream().map(b -> new Augmenter.Rect(b.x(), b.y(), b.w(), b.h()))
                    .toList();
            Recipe recipe = ranges.draw(copy.seed());
            Augmenter.Output out = Augmenter.apply(img, recipe, rects, ranges.minVisible());
            byte[] jpeg = JpegEncoder.encode(out.image(), 0.92f);
            Path file = folder.resolve(copy.fileName());
            Files.createDirectories(file.getParent());
            Files.write(file, jpeg);
            List<NewBox> boxes = new ArrayList<>();
            for (int i = 0; i < sourceBoxes.size(); i++) {
                Augmenter.Rect r = out.boxes().get(i);
                Box b = sourceBoxes.get(i);
                if (r != null) {
                    boxes.add(new NewBox(0, b.taskId(), b.labelId(), r.x(), r.y(), r.w(), r.h(), Source.AUGMENTED,
                            b.score(), b.status(), b.author(), b.crowd()));
                }
            }
            NewImage image = new NewImage(file.toAbsolutePath().toString(), null, copy.relativePath(),
                    img.getWidth(), img.getHeight(), 1, ImportImagesJob.sha256(jpeg), jpeg.length);
            // a team project that keeps its images on its server gets the copy there too, before its row
            store.imageBytes().upload(image.contentHash(), new java.io.ByteArrayInputStream(jpeg));
            return new Made(copy, image, recipe, boxes, sourceBoxes.size() - boxes.size(), null);
        } catch (Exception e) { // one source that cannot be read or written fails its copy, not the job
            return Made.failed(copy, e.getMessage());
        } catch (OutOfMemoryError e) {
            return Made.failed(copy, "not enough memory to augment it");
        }
    }

    private static String json(Recipe r) {
        try {
            return new ObjectMapper().writeValueAsString(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
