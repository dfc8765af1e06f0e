package dev.loupe.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decode math, NMS, device choice, descriptors and weights checks without an engine. */
class InferenceUnitTest {
    @TempDir
    Path tmp;

    @Test
    void yoloxDecodeMapsGridCellsBackThroughTheLetterbox() throws Exception {
        ModelDescriptor d = ModelCatalog.load(null).get("yolox_nano");
        float[] out = new float[3549 * 85];
        // cell (gx 10, gy 5) of stride 8: row 5 * 52 + 10; centre offset 0.5, log size ln(4) -> 32 px box
        int row = 5 * 52 + 10;
        out[row * 85] = 0.5f;
        out[row * 85 + 1] = 0.5f;
        out[row * 85 + 2] = (float) Math.log(4);
        out[row * 85 + 3] = (float) Math.log(4);
        out[row * 85 + 4] = 0.9f;
        out[row * 85 + 5 + 2] = 0.8f; // class 2: car
        PreparedImage in = new PreparedImage(new float[0], 416, 416, 0.5, 0.5, 0, 0, 832, 624);
        List<Detection> found = OutputDecoder.decode(d, out, new long[]{1, 3549, 85}, in, 0.3);
        assertEquals(1, found.size());
        Detection det = found.get(0);
        assertEquals("car", det.label());
        assertEquals(0.72, det.score(), 1e-6);
        // centre (10.5 * 8, 5.5 * 8) = (84, 44), size 32 in input pixels; / 0.5 for original pixels
        assertEquals(136, det.x(), 1e-4);
        assertEquals(56, det.y(), 1e-4);
        assertEquals(64, det.w(), 1e-4);
    }

    @Test
    void fastestDetDecodeGivesFractionsOfTheOriginalImage() throws Exception {
        ModelDescriptor d = ModelCatalog.load(null).get("fastestdet");
        int g = 22;
        int plane = g * g;
        float[] out = new float[85 * plane];
        int i = 11 * g + 11;
        out[i] = 1f; // objectness
        out[plane + i] = 0f; // tanh(0) = 0: centre at the cell corner
        out[2 * plane + i] = 0f;
        out[3 * plane + i] = 0f; // sigmoid(0) = 0.5 of the width
        out[4 * plane + i] = 0f;
        out[5 * plane + i] = 1f; // class 0 person, softmax 1
        PreparedImage in = new PreparedImage(new float[0], 352, 352, 1, 1, 0, 0, 440, 220);
        List<Detection> found = OutputDecoder.decode(d, out, new long[]{1, 85, g, g}, in, 0.3);
        assertEquals(1, found.size());
        assertEquals(440 * (0.5 - 0.25), found.get(0).x(), 1e-6);
        assertEquals(220 * 0.5, found.get(0).h(), 1e-6);
        assertEquals("person", found.get(0).label());
    }

    @Test
    void nmsIsPerClassAndKeepsTheBestFirst() {
        Detection a = new Detection(0, "person", 0.9, 0, 0, 10, 10);
        Detection b = new Detection(0, "person", 0.8, 1, 1, 10, 10);
        Detection c = new Detection(1, "car", 0.7, 1, 1, 10, 10);
        Detection far = new Detection(0, "person", 0.6, 50, 50, 10, 10);
        assertEquals(List.of(a, c, far), Nms.classAware(List.of(b, far, c, a), 0.5, 100));
        assertEquals(List.of(a, c), Nms.classAware(List.of(b, far, c, a), 0.5, 2));
    }

    @Test
    void deviceChoiceUsesAGpuOnlyWhenOneAndItsProviderArePresent() throws Exception {
        assertEquals(DeviceChoice.Kind.CPU, DeviceChoice.choose(null, 0, false));
        assertEquals(DeviceChoice.Kind.CPU, DeviceChoice.choose(null, 1, false));
        assertEquals(DeviceChoice.Kind.GPU, DeviceChoice.choose(null, 2, true));
        assertEquals(DeviceChoice.Kind.CPU, DeviceChoice.choose("cpu", 2, true));
        assertTrue(assertThrows(ModelException.class, () -> DeviceChoice.choose("gpu", 0, true)).getMessage()
                .contains("no GPU"));
        assertThrows(ModelException.class, () -> DeviceChoice.choose("tpu", 1, true));
    }

    @Test
    void aDescriptorsWeightsFileIsAPlainNameInsideTheModelsFolders() throws Exception {
        for (String file : List.of("/tmp/x.onnx", "../../etc/hostname", "sub/x.onnx", "..", "")) {
            Path dir = Files.createDirectories(tmp.resolve("models-" + Math.abs(file.hashCode())));
            Files.writeString(dir.resolve("evil.json"), "{\"name\": \"evil\", \"weights\": {\"file\": \""
                    + file + "\", \"url\": \"https://example.org/x.onnx\", \"sha256\": \""
                    + "0".repeat(64) + "\"}, \"inputWidth\": 416, \"inputHeight\": 416, \"colorOrder\": \"BGR\", "
                    + "\"scale\": 1, \"mean\": [0, 0, 0], \"std\": [1, 1, 1], \"resize\": \"STRETCH\", "
                    + "\"padValue\": 0, \"decoder\": \"YOLOX\", \"classNames\": [\"a\"], \"scoreThreshold\": 0.3, "
                    + "\"nmsThreshold\": 0.45, \"maxDetections\": 10}");
            ModelException e = assertThrows(ModelException.class, () -> ModelCatalog.load(dir), file);
            assertTrue(e.getMessage().contains("evil.json") && e.getMessage().contains("weights.file"), e.getMessage());
        }
    }

    @Test
    void corruptOrMissingWeightsNameThePathAndTheExpectedChecksum() throws Exception {
        ModelDescriptor d = ModelCatalog.load(null).get("yolox_nano");
        Files.write(tmp.resolve("yolox_nano.onnx"), new byte[]{1, 2, 3});
        ModelException bad = assertThrows(ModelException.class,
                () -> new WeightsResolver(tmp, tmp.resolve("cache")).resolve(d, n -> { }));
        assertTrue(bad.getMessage().contains(tmp.resolve("yolox_nano.onnx").toString())
                && bad.getMessage().contains(d.weights().sha256()), bad.getMessage());

        ModelDescriptor noUrl = new ModelDescriptor("local", "1", "", new ModelDescriptor.Weights("none.onnx", null,
                d.weights().sha256()), 416, 416, ModelDescriptor.ColorOrder.BGR, 1, new double[3], new double[]{1, 1, 1},
                ModelDescriptor.ResizeRule.STRETCH, 0, ModelDescriptor.DecoderFamily.YOLOX, List.of("a"), 0.3, 0.45, 10);
        assertTrue(assertThrows(ModelException.class, () -> new WeightsResolver(tmp, tmp.resolve("cache"))
                .resolve(noUrl, n -> { })).getMessage().contains("none.onnx"));
    }

    @Test
    void aDescriptorThatDoesNotFitItsWeightsFailsAtLoad() throws Exception {
        ModelDescriptor yolox = ModelCatalog.load(null).get("yolox_nano");
        ModelDescriptor fd = ModelCatalog.load(null).get("fastestdet");
        // FastestDet's weights under YOLOX's descriptor: input 352 is not 416
        Path weights = DjlDetectorTest.models().resolve("fastestdet.onnx");
        ModelDescriptor wrong = new ModelDescriptor("wrong", "1", "", fd.weights(), 416, 416, yolox.colorOrder(),
                1, new double[3], new double[]{1, 1, 1}, yolox.resize(), 114, yolox.decoder(), yolox.classNames(), 0.3, 0.45, 100);
        ModelException e = assertThrows(ModelException.class, () -> DjlDetector.load(wrong, weights,
                new DetectorConfig(0.3, 0.45, 100, 1, 1)));
        assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
    }

    @Test
    void descriptorsAreValidatedFieldByField() throws Exception {
        Files.writeString(tmp.resolve("broken.json"), "{\"name\": \"x\", \"inputWidth\": -1}");
        ModelException e = assertThrows(ModelException.class, () -> ModelCatalog.load(tmp));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("not a valid model descriptor"),
                e.getMessage());
        assertNull(OutputDecoder.shapeProblem(ModelCatalog.load(null).get("yolox_nano"), new long[]{1, 3549, 85}));
        assertTrue(OutputDecoder.shapeProblem(ModelCatalog.load(null).get("yolox_nano"), new long[]{1, 85, 22, 22})
                .contains("3549"));
    }
}
