package dev.loupe.eval;

import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ground truth straight from files and predictions straight from a model, without importing by hand. */
class EvalSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void evaluatesCocoFileGroundTruthAgainstAModelRunNow() throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "tiny", ImportSources.fromArguments(List.of(tiny.toString())),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            List<EvalBox> gt = EvalSources.read(p.store(), "tiny", "coco:" + tiny.resolve("instances.json"), null,
                    Set.of(), JobContext.silent());
            assertEquals(470, gt.size());
            assertEquals(3, gt.stream().filter(b -> b.crowd() && b.label().equals("person")).count());
            assertEquals(0, p.store().countBoxes(dev.loupe.core.BoxQuery.inDataset(1)), "files are read, not stored");

            List<EvalBox> pred = EvalSources.read(p.store(), "tiny", "model:yolox_nano", SharedData.root().resolve("models"),
                    Set.of("person"), JobContext.silent());
            assertTrue(pred.stream().allMatch(b -> b.label().equals("person")) && pred.size() > 100, "" + pred.size());
            assertTrue(p.store().tasks().stream().anyMatch(t -> t.name().startsWith("eval:yolox_nano#")));
            List<Long> all = java.util.Arrays.stream(p.store().imageIds(dev.loupe.core.ImageFilter.all(
                    p.store().requireDataset("tiny").id()))).boxed().toList();
            EvalResult r = CocoEvaluator.evaluate(gt, pred, Set.of("person"),
                    ImageScope.ONLY_IMAGES_WITH_GT.select(all, gt, Set.of("person")));
            assertEquals(26, r.images());
            assertTrue(r.ap50() > 0.6 && r.ap50() < 0.9, "AP50 " + r.ap50());
        }
    }
}
