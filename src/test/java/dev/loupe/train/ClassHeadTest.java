package dev.loupe.train;

import dev.loupe.inference.Detection;
import dev.loupe.inference.Detector;
import dev.loupe.inference.DetectorConfig;
import dev.loupe.inference.DjlDetector;
import dev.loupe.inference.ModelCatalog;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.inference.PreparedImage;
import dev.loupe.inference.Preprocessor;
import dev.loupe.media.ImageDecoder;
import dev.loupe.testing.SharedData;
import dev.loupe.train.onnx.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-headed YOLOX models run in ONNX Runtime with exactly the trained classes; known classes keep their outputs. */
class ClassHeadTest {
    @TempDir
    Path tmp;

    private static final ModelDescriptor YOLOX = yolox();

    private static ModelDescriptor yolox() {
        try {
            return ModelCatalog.load(null).get("yolox_nano");
        } catch (dev.loupe.inference.ModelException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OnnxGraph pretrained() throws Exception {
        return OnnxGraph.read(OnnxModuleTest.model("yolox_nano"));
    }

    private Detector written(List<String> classes) throws Exception {
        OnnxGraph graph = pretrained();
        ClassHead head = ClassHead.of(graph, YOLOX, classes);
        OnnxGraph reheaded = head.apply(graph, YOLOX, 7);
        RetrainedModel model = RetrainedModel.write(YOLOX, reheaded.withWeights(java.util.Map.of()), tmp,
                "reheaded", "d", classes);
        ModelDescriptor d = ModelCatalog.load(tmp).get("reheaded");
        assertEquals(classes, d.classNames(), "the descriptor lists the trained classes");
        double score = classes.contains("person") ? 0.3 : 0.001;
        return DjlDetector.load(d, model.onnx(), new DetectorConfig(score, 0.45, 100, 1, 1));
    }

    private static PreparedImage bus(ModelDescriptor d) throws Exception {
        return new Preprocessor(d).prepare(ImageDecoder.decode(SharedData.photos().resolve("bus.jpg"), 1));
    }

    @Test
    void aNewClassAloneGivesAOneClassModelThatOnnxRuntimeRunsAtThePrior() throws Exception {
        try (Detector det = written(List.of("raccoon"))) { // loading checks the output is [1, 3549, 6]
            List<Detection> found = det.session(0).detect(bus(det.descriptor()));
            double highest = found.stream().mapToDouble(Detection::score).max().orElse(0);
            // objectness is kept and the new class starts near p = 0.01 everywhere (small random weights move it a little)
            assertTrue(highest > 0.002 && highest < 0.05, "new class scores start near the prior: " + highest);
        }
    }

    @Test
    void aMixedModelFindsThePersonsOnBusJpgAsThePretrainedOneDoes() throws Exception {
        List<Detection> before;
        try (Detector det = DjlDetector.load(YOLOX, OnnxModuleTest.model("yolox_nano"),
                new DetectorConfig(0.3, 0.45, 100, 1, 1))) {
            before = det.session(0).detect(bus(YOLOX)).stream().filter(x -> x.label().equals("person")).toList();
        }
        try (Detector det = written(List.of("person", "raccoon"))) {
            List<Detection> after = det.session(0).detect(bus(det.descriptor()));
            List<Detection> persons = after.stream().filter(x -> x.label().equals("person")).toList();
            assertTrue(before.size() >= 3, "the pretrained model finds the people: " + before);
            assertEquals(before.size(), persons.size(), "same persons: " + before + " vs " + after);
            Comparator<Detection> byScore = Comparator.comparingDouble(Detection::score);
            List<Detection> a = before.stream().sorted(byScore).toList();
            List<Detection> b = persons.stream().sorted(byScore).toList();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).score(), b.get(i).score(), 1e-4, "score of person " + i);
                assertEquals(a.get(i).x(), b.get(i).x(), 0.5, "box of person " + i);
                assertEquals(a.get(i).w(), b.get(i).w(), 0.5, "box of person " + i);
            }
            assertTrue(after.stream().noneMatch(x -> x.label().equals("raccoon")), "no raccoon before training: "
                    + after);
        }
    }

    @Test
    void classesTheModelKnowsAreReorderedAndTheNewOnesMarked() throws Exception {
        ClassHead head = ClassHead.of(pretrained(), YOLOX, List.of("raccoon", "dog", "person"));
        assertTrue(head.isNew("raccoon"));
        assertTrue(!head.isNew("dog") && !head.isNew("person"));
        assertEquals(List.of("raccoon", "dog", "person"), head.classes(), "the order given is the model's order");
    }

    @Test
    void aFastestDetHeadIsRefusedInOneClearLine() throws Exception {
        ModelDescriptor fastest = ModelCatalog.load(null).get("fastestdet");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassHead.of(OnnxGraph.read(OnnxModuleTest.model("fastestdet")), fastest, List.of("raccoon")));
        assertTrue(e.getMessage().contains("fastestdet") && e.getMessage().contains("YOLOX")
                && !e.getMessage().contains("\n"), e.getMessage());
    }
}
