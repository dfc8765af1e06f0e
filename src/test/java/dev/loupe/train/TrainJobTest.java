package dev.loupe.train;

import dev.loupe.core.ImageItem;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.inference.Detection;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.Preprocessor;
import dev.loupe.jobs.JobCancelledException;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;
import dev.loupe.testing.Contexts;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fine-tuning YOLOX-Nano on six real COCO images: the loss falls when the model overfits them, a run resumes
 * from its checkpoint, and the written model runs in the pre-annotation engine.
 */
class TrainJobTest {
    @TempDir
    Path tmp;

    private static double iou(double x, double y, double w, double h, Detection d) {
        double iw = Math.min(x + w, d.x() + d.w()) - Math.max(x, d.x());
        double ih = Math.min(y + h, d.y() + d.h()) - Math.max(y, d.y());
        double inter = Math.max(0, iw) * Math.max(0, ih);
        return inter / (w * h + d.w() * d.h() - inter);
    }

    /** Images of tiny50 with people in them (1 to 4 each). */
    private static final String[] IMAGES = {"000000005802.jpg", "000000012448.jpg", "000000060623.jpg",
            "000000079841.jpg", "000000111076.jpg", "000000113588.jpg"};

    @Test
    void lossFallsOnATinySetResumesAndTheResultRunsInPreannotation() throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        Path folder = Files.createDirectories(tmp.resolve("six"));
        for (String name : IMAGES) {
            Files.copy(tiny.resolve("images").resolve(name), folder.resolve(name));
        }
        Path models = SharedData.root().resolve("models");
        Path out = tmp.resolve("out");
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromFolder(folder),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            new ImportAnnotationsJob(p.store(), new AnnotationImportRequest("d", AnnotationFormats.byName("coco"),
                    List.of(tiny.resolve("instances.json")), ReadOptions.defaults(), "gt", "", false, false,
                    UnknownLabels.ADD, "test")).run(JobContext.silent());
            Splits.make(p.store(), "d", 0, 0, 1); // all six for training: this is about fitting them
            TrainSettings settings = new TrainSettings(8, 2, 1e-6, 1e-3, 0.1, 0, 0, 3, 0, false, false, 1,
                    TrainSettings.OptimizerKind.ADAM, 10, 1);
            TrainRequest request = new TrainRequest("d", "gt", List.of("person"), "yolox_nano", models, out, "six",
                    settings, false);

            // the run is stopped during epoch 7, as a crash or the user would stop it
            List<EpochStats> seen = new ArrayList<>();
            assertThrows(JobCancelledException.class, () -> new TrainJob(p.store(), request, seen::add)
                    .run(Contexts.stopAfterReports(6 * 3))); // three batches of two per epoch: stops after epoch 6
            assertEquals(6, seen.size());
            double start = seen.get(0).loss();
            assertTrue(seen.get(5).loss() < 0.7 * start, "the loss falls on a set the model can memorise: " + seen);
            assertTrue(Files.isRegularFile(out.resolve("checkpoints/six/epoch-006.onnx")));
            List<UnfinishedRuns.Run> unfinished = UnfinishedRuns.in(out);
            assertEquals(1, unfinished.size(), "the stopped run is offered to continue");
            assertEquals(6, unfinished.get(0).epochsDone());
            assertEquals(request.settings(), unfinished.get(0).request().settings());

            // resuming continues from the checkpoint exactly: weights, Adam's moments, the average, augmentation
            TrainReport resumed = new TrainJob(p.store(), unfinished.get(0).request(), e -> { })
                    .run(JobContext.silent());
            assertEquals(8, resumed.epochs().size());
            assertEquals(List.of(), UnfinishedRuns.in(out), "a finished run is not offered again");
            assertEquals(seen, resumed.epochs().subList(0, 6));
            Path straightOut = tmp.resolve("straight");
            TrainReport straight = new TrainJob(p.store(), new TrainRequest("d", "gt", List.of("person"), "yolox_nano",
                    models, straightOut, "straight", settings, false), e -> { }).run(JobContext.silent());
            for (int e = 6; e < 8; e++) {
                assertEquals(straight.epochs().get(e).loss(), resumed.epochs().get(e).loss(),
                        1e-3 * straight.epochs().get(e).loss(), "epoch " + (e + 1) + " resumed as if never stopped");
            }
            float[] uninterrupted = weightsOf(straight.onnx());
            float[] continued = weightsOf(resumed.onnx());
            double largest = 0;
            for (int i = 0; i < uninterrupted.length; i++) {
                largest = Math.max(largest, Math.abs(uninterrupted[i] - continued[i]));
            }
            assertTrue(largest < 1e-3, "written weights of the resumed and the uninterrupted run differ by " + largest);

            // a frozen backbone: its weights come out exactly as they went in, the head's do not; with a
            // validation side, each epoch scores the averaged weights there
            Splits.make(p.store(), "d", 0, 0.34, 1);
            Path frozenOut = tmp.resolve("frozen");
            TrainReport frozen = new TrainJob(p.store(), new TrainRequest("d", "gt", List.of("person"), "yolox_nano",
                    models, frozenOut, "frozen", settings.withEpochs(1).withFrozenBackbone(true), false), e -> { })
                    .run(JobContext.silent());
            double validationAp = frozen.epochs().get(0).validationAp50();
            assertTrue(validationAp > 0.3 && validationAp <= 1, "validation AP50 of the averaged weights: " + validationAp);
            var before = dev.loupe.train.onnx.OnnxGraph.read(models.resolve("yolox_nano.onnx"));
            // the epoch's checkpoint: the written model may be the starting weights when validation is not sure
            var after = dev.loupe.train.onnx.OnnxGraph.read(frozenOut.resolve("checkpoints/frozen/epoch-001.onnx"));
            int backbone = 0;
            int changed = 0;
            for (var node : before.nodes()) {
                for (String in : node.inputs()) {
                    var w = before.initializers().get(in);
                    if (w == null || !w.isFloat()) {
                        continue;
                    }
                    boolean same = java.util.Arrays.equals(w.floats(), after.initializers().get(in).floats());
                    if (node.name().startsWith("/backbone/backbone/")) {
                        backbone++;
                        assertTrue(same, "frozen backbone weight " + in + " of " + node.name());
                    } else if (!same) {
                        changed++;
                    }
                }
            }
            assertTrue(backbone > 50 && changed > 20, backbone + " backbone weights kept, " + changed + " others trained");

            try (Detector d = Detectors.load("six", out, new Detectors.DetectorConfigOverrides(0.01, null, null, null,
                    null, null), b -> { })) {
                ImageItem im = p.store().images(p.store().imageIds(dev.loupe.core.ImageFilter.all(1))).get(0);
                List<Detection> found = d.session(0).detect(new Preprocessor(d.descriptor())
                        .prepare(ImageDecoder.decode(Path.of(im.path()), im.orientation())));
                Detection top = found.get(0);
                long person = p.store().label("person").id();
                double best = p.store().boxes(im.id()).stream().filter(b -> b.labelId() == person)
                        .mapToDouble(b -> iou(b.x(), b.y(), b.w(), b.h(), top)).max().orElse(0);
                assertEquals("person", top.label());
                assertTrue(best >= 0.5, "the retrained model, run by the pre-annotation engine, puts its best box on "
                        + "a person (IoU " + best + "): " + top);
            }
        }
    }

    /** All float weights of an ONNX file, in initializer order. */
    private static float[] weightsOf(Path onnx) throws Exception {
        var graph = dev.loupe.train.onnx.OnnxGraph.read(onnx);
        int n = 0;
        for (var w : graph.initializers().values()) {
            n += w.isFloat() ? w.floats().length : 0;
        }
        float[] out = new float[n];
        int at = 0;
        for (var w : graph.initializers().values()) {
            if (w.isFloat()) {
                System.arraycopy(w.floats(), 0, out, at, w.floats().length);
                at += w.floats().length;
            }
        }
        return out;
    }
}
