package dev.loupe.eval;

import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.CocoFormat;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain on real data: coco-dev images, official COCO boxes, YOLOX-Nano predictions, COCO evaluation.
 * The figures must land within about a point of BASELINES.md (measured outside Loupe).
 */
class PersonApOnCocoDevTest {
    @TempDir
    Path tmp;

    @Test
    void yoloxNanoPersonApMatchesTheIndependentBaseline() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "dev", ImportSources.fromArguments(List.of(SharedData.cocoDev().toString())),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            List<Path> cocoFiles;
            try (var s = Files.list(SharedData.cocoDev())) {
                cocoFiles = s.map(d -> d.resolve("instances.json")).sorted().toList();
            }
            new ImportAnnotationsJob(p.store(), new AnnotationImportRequest("dev", new CocoFormat(), cocoFiles,
                    ReadOptions.defaults(), "coco", "", false, false, UnknownLabels.ADD, "")).run(JobContext.silent());
            try (Detector d = Detectors.load("yolox_nano", SharedData.root().resolve("models"),
                    new Detectors.DetectorConfigOverrides(0.001, 0.65, 100, null, null, Set.of("person")), b -> { })) {
                new PreannotateJob(p.store(), d, new PreannotateRequest("dev", "yolox", Set.of("person"), null, null, 0))
                        .run(JobContext.silent());
            }
            Map<String, List<EvalBox>> boxes = TaskBoxes.read(p.store(), "dev", List.of("coco", "yolox"));
            List<Long> all = java.util.Arrays.stream(p.store().imageIds(dev.loupe.core.ImageFilter.all(
                    p.store().requireDataset("dev").id()))).boxed().toList();
            // the baseline counts as the reference workflow did: only images with a person
            Set<Long> withPeople = ImageScope.ONLY_IMAGES_WITH_GT.select(all, boxes.get("coco"), Set.of("person"));
            EvalResult r = CocoEvaluator.evaluate(boxes.get("coco"), boxes.get("yolox"), Set.of("person"), withPeople);
            assertEquals(EvalResult.SizeAreas.ANNOTATED, r.sizeAreas(), "COCO's 'area' was stored at import");
            EvalResult every = CocoEvaluator.evaluate(boxes.get("coco"), boxes.get("yolox"), Set.of("person"),
                    ImageScope.EVERY_IMAGE.select(all, boxes.get("coco"), Set.of("person")));
            assertEquals(306, every.images());
            assertTrue(every.ap50() < r.ap50(), "false positives on the images without people cost: "
                    + every.ap50() + " vs " + r.ap50());
            assertEquals(151, r.images(), "images with at least one non-crowd person");
            assertEquals(604, r.perClass().get(0).groundTruth(), "non-crowd person boxes");
            assertEquals(0.673, r.ap50(), 0.015);
            assertEquals(0.400, r.ap75(), 0.015);
            assertEquals(0.405, r.map(), 0.015);
        }
    }
}
