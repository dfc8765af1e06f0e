package dev.loupe.project;

import dev.loupe.core.BoxQuery;
import dev.loupe.core.ImageFilter;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportReport;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.JobCancelledException;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportReport;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.store.ProjectStore;
import dev.loupe.testing.Contexts;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Loupe processes writing one project at once, as two projects opened on the same folder (each with its
 * own connections, as a second process has): neither fails, nothing is stored twice.
 */
class ConcurrentWritersTest {
    @TempDir
    Path tmp;

    private static List<ImportCandidate> cocoDevImages() throws Exception {
        return ImportSources.fromArguments(List.of(SharedData.cocoDev().resolve("coco128-train/images").toString()));
    }

    private static ImportImagesJob importInto(Project p, String dataset, List<ImportCandidate> candidates) {
        return new ImportImagesJob(p.store(), dataset, candidates,
                new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10)));
    }

    @Test
    void twoImportsIntoTheSameNewDatasetAtOnceBothFinishAndStoreEachImageOnce() throws Exception {
        List<ImportCandidate> images = cocoDevImages();
        Project.create(tmp.resolve("p")).close();
        ExecutorService twoProcesses = Executors.newFixedThreadPool(2);
        try (Project a = Project.open(tmp.resolve("p")); Project b = Project.open(tmp.resolve("p"))) {
            for (int round = 0; round < 4; round++) {
                String dataset = "people" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<ImportReport>> runs = new ArrayList<>();
                for (Project p : List.of(a, b)) {
                    runs.add(twoProcesses.submit(() -> {
                        together.await();
                        return importInto(p, dataset, images).run(JobContext.silent());
                    }));
                }
                ImportReport first = runs.get(0).get();
                ImportReport second = runs.get(1).get();
                long stored = a.store().countImages(ImageFilter.all(a.store().requireDataset(dataset).id()));
                assertEquals(images.size(), stored, dataset);
                assertEquals(images.size(), first.imported() + second.imported(), first + " / " + second);
                for (ImportReport r : List.of(first, second)) {
                    assertEquals(images.size(), r.imported() + r.alreadyImported() + r.duplicates(), r.toString());
                }
            }
        } finally {
            twoProcesses.shutdownNow();
        }
    }

    @Test
    void anImportLetsAnotherWriterInBetweenItsBatches() throws Exception {
        List<ImportCandidate> images = cocoDevImages();
        Project.create(tmp.resolve("p")).close();
        try (Project importer = Project.open(tmp.resolve("p")); Project other = Project.open(tmp.resolve("p"))) {
            importInto(importer, "dev", images).run(JobContext.silent());
            List<String> writesBetweenBatches = new ArrayList<>();
            // the other process writes from inside the progress report: were the import holding a transaction
            // then, it would wait for it in vain and fail as busy
            JobContext whileImporting = Contexts.onProgress(done -> {
                other.store().label("seen-at-" + done);
                writesBetweenBatches.add("at " + done);
            });
            new ImportAnnotationsJob(importer.store(), request("gt", false)).run(whileImporting);
            assertTrue(writesBetweenBatches.size() >= 2, "the annotation import stores in several short transactions: "
                    + writesBetweenBatches);
        }
    }

    @Test
    void reRunningAnAnnotationImportAfterACrashOrToItsEndStoresNoBoxTwice() throws Exception {
        List<ImportCandidate> images = cocoDevImages();
        try (Project p = Project.create(tmp.resolve("p"))) {
            importInto(p, "dev", images).run(JobContext.silent());
            ProjectStore store = p.store();
            AnnotationImportReport whole = new ImportAnnotationsJob(store, request("reference", false))
                    .run(JobContext.silent());
            long expected = boxCount(store, "reference");
            assertEquals(whole.stored(), expected);

            // stops (as a crash would) as soon as the first boxes are committed
            assertThrows(JobCancelledException.class, () ->
                    new ImportAnnotationsJob(store, request("gt", false)).run(Contexts.stopWhen(() -> boxCount(store, "gt") > 0)));
            long afterCrash = boxCount(store, "gt");
            assertTrue(afterCrash > 0 && afterCrash < expected, "stopped mid-way with " + afterCrash + " boxes");

            AnnotationImportReport resumed = new ImportAnnotationsJob(store, request("gt", false)).run(JobContext.silent());
            assertEquals(expected, boxCount(store, "gt"), "the re-run finishes the import");
            assertEquals(afterCrash, resumed.alreadyImported(), resumed.toString());

            AnnotationImportReport again = new ImportAnnotationsJob(store, request("gt", false)).run(JobContext.silent());
            assertEquals(expected, boxCount(store, "gt"), "a third run adds nothing");
            assertEquals(0, again.stored());
            assertEquals(expected, again.alreadyImported());

            new ImportAnnotationsJob(store, request("gt", true)).run(JobContext.silent());
            assertEquals(expected, boxCount(store, "gt"), "--overwrite replaces, so it stays the same too");
        }
    }

    private static AnnotationImportRequest request(String task, boolean overwrite) throws Exception {
        return new AnnotationImportRequest("dev", AnnotationFormats.byName("coco"),
                List.of(SharedData.cocoDev().resolve("coco128-train/instances.json")), ReadOptions.defaults(), task, "",
                overwrite, false, UnknownLabels.ADD, "test");
    }

    private static long boxCount(ProjectStore store, String task) {
        return store.tasks().stream().filter(t -> t.name().equals(task)).findFirst()
                .map(t -> store.countBoxes(new BoxQuery(null, t.id(), null, null, null, null, null))).orElse(0L);
    }
}
