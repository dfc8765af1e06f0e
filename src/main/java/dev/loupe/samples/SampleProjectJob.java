package dev.loupe.samples;

import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportReport;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportReport;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;

import java.time.Duration;
import java.util.List;

/**
 * Fills a project with the drawn sample set: the images go to {@code samples/} inside the project folder,
 * into dataset {@value #DATASET}, and their boxes into the accepted task {@value #TASK}. The same seed draws
 * the same files and the imports skip what is already stored, so running it again changes nothing.
 */
public final class SampleProjectJob implements Job<SampleProjectJob.Report> {
    public static final String DATASET = "samples";
    public static final String TASK = "ground-truth";
    public static final int DEFAULT_COUNT = 48;
    private static final long SEED = 7;

    /** What the project holds afterwards; {@code boxes} is null when the task was already there. */
    public record Report(SampleSet.Written set, ImportReport images, AnnotationImportReport boxes) {
    }

    private final Project project;
    private final int count;

    public SampleProjectJob(Project project, int count) {
        this.project = project;
        this.count = count;
    }

    @Override
    public Report run(JobContext ctx) throws Exception {
        ctx.message("drawing " + count + " sample images");
        SampleSet.Written set = SampleSet.write(project.folder().resolve("samples"), count, SEED);
        ctx.checkCancelled();
        ImportReport images = new ImportImagesJob(project.store(), DATASET,
                ImportSources.fromArguments(List.of(set.images().toString())),
                new UrlFetcher(project.cacheDir("downloads"), Duration.ofMillis(500))).run(ctx);
        boolean boxesStored = project.store().tasks().stream().anyMatch(t -> t.name().equals(TASK));
        AnnotationImportReport boxes = boxesStored ? null
                : new ImportAnnotationsJob(project.store(), new AnnotationImportRequest(DATASET,
                AnnotationFormats.byName("coco"), List.of(set.annotations()), ReadOptions.defaults(), TASK,
                "boxes of the drawn shapes", false, false, UnknownLabels.ADD, "loupe")).run(ctx);
        return new Report(set, images, boxes);
    }
}
