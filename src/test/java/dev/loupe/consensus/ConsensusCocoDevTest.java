package dev.loupe.consensus;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three simulated annotators on coco-dev: the COCO boxes with seeded noise (jitter, dropped and spurious boxes,
 * swapped labels), one careful, one average, one sloppy. Their merged truth must beat each of them against the COCO
 * boxes, and agreement must rank the sloppy one last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsensusCocoDevTest {
    /** Noise of one simulated annotator: jitter as a share of the box size, and chances per box / image. */
    private record Noise(String task, double jitter, double drop, double spuriousPerImage, double swap, long seed) {
    }

    private static final List<Noise> ANNOTATORS = List.of(
            new Noise("careful", 0.05, 0.10, 0.15, 0.05, 1),
            new Noise("average", 0.07, 0.15, 0.25, 0.08, 2),
            new Noise("sloppy", 0.12, 0.3, 0.6, 0.15, 3));

    @TempDir
    static Path tmp;
    private static Project project;
    private static ConsensusReport report;

    @BeforeAll
    static void simulateAndMerge() throws Exception {
        Path coco = SharedData.cocoDev().resolve("coco128-train");
        project = Project.create(tmp.resolve("p"));
        ProjectStore store = project.store();
        new ImportImagesJob(store, "dev", ImportSources.fromArguments(List.of(coco.resolve("images").toString())),
                new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
        new ImportAnnotationsJob(store, new AnnotationImportRequest("dev", AnnotationFormats.byName("coco"),
                List.of(coco.resolve("instances.json")), ReadOptions.defaults(), "coco", "", false, false,
                UnknownLabels.ADD, "test")).run(JobContext.silent());
        List<Box> truth = store.boxPage(new BoxQuery(null, store.task("coco", "").id(), null, null, null, null, null),
                0, 100_000).stream().filter(b -> !b.crowd()).toList();
        long[] labels = store.labels().stream().mapToLong(Label::id).toArray();
        long[] images = store.imageIds(dev.loupe.core.ImageFilter.all(store.requireDataset("dev").id()));
        for (Noise n : ANNOTATORS) {
            store.addBoxes(simulate(n, store.task(n.task(), "").id(), truth, labels, images, store));
        }
        report = new ConsensusJob(store, new ConsensusRequest("dev", ConsensusRequest.Annotator.tasks(
                ANNOTATORS.stream().map(Noise::task).toList()), "merged", "coco",
                new ConsensusConfig(0.5, 2, ConsensusConfig.Fusion.MEAN), 0.6, "test")).run(JobContext.silent());
    }

    @AfterAll
    static void close() {
        project.close();
    }

    private static List<NewBox> simulate(Noise n, long task, List<Box> truth, long[] labels, long[] images,
                                         ProjectStore store) {
        Random r = new Random(n.seed());
        List<NewBox> out = new ArrayList<>();
        for (Box b : truth) {
            if (r.nextDouble() < n.drop()) {
                continue;
            }
            double x = b.x() + r.nextGaussian() * n.jitter() * b.w();
            double y = b.y() + r.nextGaussian() * n.jitter() * b.h();
            double w = Math.max(2, b.w() * (1 + r.nextGaussian() * n.jitter()));
            double h = Math.max(2, b.h() * (1 + r.nextGaussian() * n.jitter()));
            long label = r.nextDouble() < n.swap() ? labels[r.nextInt(labels.length)] : b.labelId();
            out.add(new NewBox(b.imageId(), task, label, Math.max(0, x), Math.max(0, y), w, h, Source.HUMAN, Double.NaN,
                    ReviewStatus.PENDING, n.task()));
        }
        for (long image : images) {
            var im = store.image(image).orElseThrow();
            for (int k = 0; r.nextDouble() < n.spuriousPerImage() && k < 5; k++) {
                double w = 20 + r.nextDouble() * im.widthPx() / 3.0;
                double h = 20 + r.nextDouble() * im.heightPx() / 3.0;
                out.add(new NewBox(image, task, labels[r.nextInt(labels.length)], r.nextDouble() * (im.widthPx() - w),
                        r.nextDouble() * (im.heightPx() - h), w, h, Source.HUMAN, Double.NaN, ReviewStatus.PENDING,
                        n.task()));
            }
        }
        return out;
    }

    private static double ap50(String task) {
        Map<String, List<EvalBox>> boxes = TaskBoxes.read(project.store(), "dev", List.of("coco", task));
        Set<String> classes = new HashSet<>();
        boxes.get("coco").forEach(b -> classes.add(b.label()));
        Set<Long> images = new HashSet<>();
        for (long id : project.store().imageIds(dev.loupe.core.ImageFilter.all(1))) {
            images.add(id);
        }
        return CocoEvaluator.evaluate(boxes.get("coco"), boxes.get(task), classes, images).ap50();
    }

    @Test
    void theMergedTruthBeatsEveryAnnotatorAgainstTheCocoBoxes() {
        double merged = ap50("merged");
        StringBuilder figures = new StringBuilder("AP50 merged " + merged);
        for (Noise n : ANNOTATORS) {
            double single = ap50(n.task());
            figures.append(", ").append(n.task()).append(' ').append(single);
            assertTrue(merged > single, "merged AP50 " + merged + " against " + n.task() + " " + single);
        }
        System.out.println(figures);
    }

    @Test
    void agreementRanksTheSloppyAnnotatorLastAndTheCarefulFirst() {
        List<ConsensusReport.AnnotatorRow> rows = report.annotators();
        double careful = rows.get(0).vsOthers().f1();
        double average = rows.get(1).vsOthers().f1();
        double sloppy = rows.get(2).vsOthers().f1();
        assertTrue(careful > average && average > sloppy, careful + " > " + average + " > " + sloppy);
        assertTrue(rows.get(0).vsTruth().f1() > rows.get(2).vsTruth().f1());
    }

    @Test
    void everyMergedBoxPointsToItsSourcesAndDisagreementGoesToReview() {
        ProjectStore store = project.store();
        long merged = store.task("merged", "").id();
        List<Box> boxes = store.boxPage(new BoxQuery(null, merged, null, null, null, null, null), 0, 100_000);
        assertEquals(report.mergedBoxes(), boxes.size());
        Set<Long> annotatorTasks = new HashSet<>();
        for (Noise n : ANNOTATORS) {
            annotatorTasks.add(store.task(n.task(), "").id());
        }
        for (Box b : boxes.subList(0, 50)) {
            long[] sources = store.consensusSources(b.id());
            assertTrue(sources.length >= 2, "at least the quorum: " + sources.length);
            for (long s : sources) {
                Box source = store.boxes(b.imageId()).stream().filter(x -> x.id() == s).findFirst().orElseThrow();
                assertTrue(annotatorTasks.contains(source.taskId()));
            }
        }
        assertTrue(report.routed() > 0 && report.routed() < report.imageIds().length, "some images, not all: "
                + report.routed());
        long[] staged = store.stageImages(report.stageId()).stream().mapToLong(dev.loupe.core.StageImage::imageId)
                .sorted().toArray();
        long[] low = java.util.Arrays.stream(report.imageIds()).limit(report.routed()).sorted().toArray();
        assertArrayEquals(low, staged, "the stage holds exactly the images below the agreement asked for");
        for (int i = 0; i < report.routed(); i++) {
            assertTrue(report.imageF1()[i] < 0.6);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // it changes the boxes the others look at
    void runningItAgainRewritesOnlyTheImagesWhoseConsensusChanged() throws Exception {
        ProjectStore store = project.store();
        long mergedTask = store.task("merged", "").id();
        List<Box> before = store.boxPage(new BoxQuery(null, mergedTask, null, null, null, null, null), 0, 100_000);
        Box judged = before.get(0);
        store.setStatus(judged.id(), ReviewStatus.ACCEPTED, "reviewer");
        // an annotator moves one box that took part in another image's merged box far away
        Box elsewhere = before.stream().filter(b -> b.imageId() != judged.imageId()).findFirst().orElseThrow();
        long sourceId = store.consensusSources(elsewhere.id())[0];
        Box source = store.boxes(elsewhere.imageId()).stream().filter(b -> b.id() == sourceId).findFirst().orElseThrow();
        store.updateBox(source.with(source.x() + 3 * source.w(), source.y(), source.w(), source.h(), source.labelId(),
                source.source(), source.status(), source.author()));

        ConsensusReport again = new ConsensusJob(store, new ConsensusRequest("dev", ConsensusRequest.Annotator.tasks(
                ANNOTATORS.stream().map(Noise::task).toList()), "merged", null,
                new ConsensusConfig(0.5, 2, ConsensusConfig.Fusion.MEAN), null, "test")).run(JobContext.silent());
        List<Box> after = store.boxPage(new BoxQuery(null, mergedTask, null, null, null, null, null), 0, 100_000);
        assertEquals(again.mergedBoxes(), after.size(), "replaced, not added to");
        Box kept = after.stream().filter(b -> b.id() == judged.id()).findFirst().orElseThrow();
        assertEquals(ReviewStatus.ACCEPTED, kept.status(), "an image whose consensus did not change keeps its verdicts");
        assertTrue(after.stream().noneMatch(b -> b.id() == elsewhere.id()), "the changed image was merged again");
        long otherImages = after.stream().filter(b -> b.imageId() != elsewhere.imageId())
                .filter(b -> before.stream().noneMatch(o -> o.id() == b.id())).count();
        assertEquals(0, otherImages, "no other image was rewritten");
    }
}
