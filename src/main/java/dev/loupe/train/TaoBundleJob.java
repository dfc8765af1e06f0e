package dev.loupe.train;

import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Split;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.ExportAnnotationsJob;
import dev.loupe.formats.ExportReport;
import dev.loupe.formats.ExportRequest;
import dev.loupe.formats.WriteOptions;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;
import dev.loupe.train.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything TAO needs to repeat a Loupe retraining: the TRAIN and TEST sides of the split in KITTI layout
 * ({@code train/images}, {@code train/labels}, {@code test/...}; rejected boxes and other classes left out) and
 * {@code spec.txt}, the training spec with Loupe's settings and its dataset_config pointing at those folders.
 */
public final class TaoBundleJob implements Job<TaoBundleJob.Report> {

    /** What to bundle; the spec carries the training settings (and any TAO fields Loupe does not use). */
    public record Request(String dataset, String task, List<String> classes, TrainingSpec spec, Path outDir) {
    }

    /** The images and boxes written per side, and the spec file. */
    public record Report(ExportReport train, ExportReport test, Path spec) {
    }

    private final ProjectStore store;
    private final Request request;

    public TaoBundleJob(ProjectStore store, Request request) {
        this.store = store;
        this.request = request;
    }

    @Override
    public Report run(JobContext ctx) throws Exception {
        Path out = request.outDir().toAbsolutePath().normalize();
        ExportReport train = side(out.resolve("train"), Split.TRAIN, ctx);
        ExportReport test = side(out.resolve("test"), Split.TEST, ctx);
        Path spec = out.resolve("spec.txt");
        request.spec().putDataset(out.resolve("train/images"), out.resolve("train/labels"),
                out.resolve("test/images"), out.resolve("test/labels"), request.classes()).write(spec);
        return new Report(train, test, spec);
    }

    private ExportReport side(Path folder, Split side, JobContext ctx) throws Exception {
        Files.createDirectories(folder);
        Set<String> labels = new HashSet<>(request.classes());
        return new ExportAnnotationsJob(store, new ExportRequest(request.dataset(), AnnotationFormats.byName("kitti"),
                folder, request.task(), Set.of(ReviewStatus.ACCEPTED, ReviewStatus.PENDING), labels, null,
                request.classes(), WriteOptions.ImageFiles.COPY, side)).run(ctx);
    }
}
