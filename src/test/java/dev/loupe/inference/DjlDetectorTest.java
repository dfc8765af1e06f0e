package dev.loupe.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.loupe.media.ImageDecoder;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both shipped detectors on real photos, against ONNX Runtime's own output decoded independently. */
class DjlDetectorTest {
    @TempDir
    Path tmp;

    static Path models() {
        return SharedData.root().resolve("models");
    }

    private Detector load(String name, DetectorConfig config) throws Exception {
        ModelDescriptor d = ModelCatalog.load(null).get(name);
        Path weights = new WeightsResolver(models(), tmp).resolve(d, n -> { });
        return DjlDetector.load(d, weights, config);
    }

    private static PreparedImage prepare(ModelDescriptor d, String photo) throws Exception {
        BufferedImage img = ImageDecoder.decode(SharedData.photos().resolve(photo), 1);
        return new Preprocessor(d).prepare(img);
    }

    @Test
    void yoloxFindsThePeopleAndTheBusOnBusJpg() throws Exception {
        try (Detector det = load("yolox_nano", DetectorConfig.defaults(ModelCatalog.load(null).get("yolox_nano")))) {
            List<Detection> found = det.session(0).detect(prepare(det.descriptor(), "bus.jpg"));
            long people = found.stream().filter(d -> d.label().equals("person") && d.score() > 0.5).count();
            assertTrue(people >= 3, "people on bus.jpg: " + found);
            Detection bus = found.stream().filter(d -> d.label().equals("bus")).max(Comparator.comparingDouble(Detection::score))
                    .orElseThrow();
            // the bus spans most of the 810 px width, in the upper-middle of the 1080 px photo
            assertTrue(bus.w() > 500 && bus.y() < 400 && bus.y() + bus.h() > 600, bus.toString());
        }
    }

    @Test
    void detectionsEqualAPlainDecodeOfRawOnnxRuntimeOutput() throws Exception {
        for (String name : List.of("yolox_nano", "fastestdet")) {
            ModelDescriptor d = ModelCatalog.load(null).get(name);
            DetectorConfig config = new DetectorConfig(0.3, 0.45, 100, 1, 1);
            for (String photo : List.of("bus.jpg", "horses.jpg", "person.jpg")) {
                PreparedImage in = prepare(d, photo);
                List<Detection> ours;
                try (Detector det = load(name, config)) {
                    ours = det.session(0).detect(in);
                }
                List<double[]> reference = referenceDecode(d, in, 0.3, 0.45);
                assertEquals(reference.size(), ours.size(), name + " on " + photo);
                for (int i = 0; i < ours.size(); i++) {
                    Detection o = ours.get(i);
                    double[] r = reference.get(i);
                    assertEquals(r[0], o.classIndex(), name + " " + photo + " #" + i);
                    assertEquals(r[1], o.score(), 1e-4);
                    assertEquals(r[2], o.x(), 1e-4 * Math.max(1, r[2]));
                    assertEquals(r[3], o.y(), 1e-4 * Math.max(1, r[3]));
                    assertEquals(r[4], o.w(), 1e-4 * Math.max(1, r[4]));
                    assertEquals(r[5], o.h(), 1e-4 * Math.max(1, r[5]));
                }
                assertTrue(!ours.isEmpty(), name + " finds something on " + photo);
            }
        }
    }

    /** ONNX Runtime directly, then the decode of MODELS.md written out plainly: [class, score, x, y, w, h] rows. */
    private static List<double[]> referenceDecode(ModelDescriptor d, PreparedImage in, double minScore, double iou)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] out;
        long[] shape;
        try (OrtSession s = env.createSession(models().resolve(d.weights().file()).toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.tensor()), new long[]{1, 3, in.height(), in.width()});
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            OnnxTensor o = (OnnxTensor) r.get(0);
            shape = o.getInfo().getShape();
            FloatBuffer fb = o.getFloatBuffer();
            out = new float[fb.remaining()];
            fb.get(out);
        }
        List<double[]> cands = new ArrayList<>();
        double ow = in.originalWidth();
        double oh = in.originalHeight();
        if (d.decoder() == ModelDescriptor.DecoderFamily.YOLOX) {
            int row = 0;
            for (int s : new int[]{8, 16, 32}) {
                for (int gy = 0; gy < 416 / s; gy++) {
                    for (int gx = 0; gx < 416 / s; gx++, row++) {
                        int b = row * 85;
                        for (int c = 0; c < 80; c++) {
                            double score = out[b + 4] * out[b + 5 + c];
                            if (score >= minScore) {
                                double w = Math.exp(out[b + 2]) * s / in.scaleX();
                                double h = Math.exp(out[b + 3]) * s / in.scaleY();
                                double cx = (out[b] + gx) * s / in.scaleX();
                                double cy = (out[b + 1] + gy) * s / in.scaleY();
                                cands.add(clip(c, score, cx - w / 2, cy - h / 2, w, h, ow, oh));
                            }
                        }
                    }
                }
            }
        } else {
            int g = (int) shape[2];
            int plane = g * g;
            for (int i = 0; i < plane; i++) {
                int best = 0;
                for (int c = 1; c < 80; c++) {
                    if (out[(5 + c) * plane + i] > out[(5 + best) * plane + i]) {
                        best = c;
                    }
                }
                double score = Math.pow(out[i], 0.6) * Math.pow(out[(5 + best) * plane + i], 0.4);
                if (score >= minScore) {
                    double cx = (i % g + Math.tanh(out[plane + i])) / g * ow;
                    double cy = (i / g + Math.tanh(out[2 * plane + i])) / g * oh;
                    double w = 1 / (1 + Math.exp(-out[3 * plane + i])) * ow;
                    double h = 1 / (1 + Math.exp(-out[4 * plane + i])) * oh;
                    cands.add(clip(best, score, cx - w / 2, cy - h / 2, w, h, ow, oh));
                }
            }
        }
        cands.removeIf(c -> c[4] <= 0 || c[5] <= 0);
        cands.sort((a, b) -> Double.compare(b[1], a[1]));
        List<double[]> kept = new ArrayList<>();
        for (double[] c : cands) {
            if (kept.stream().noneMatch(k -> k[0] == c[0] && iou(k, c) > iou)) {
                kept.add(c);
            }
        }
        return kept.subList(0, Math.min(100, kept.size()));
    }

    private static double[] clip(int c, double score, double x, double y, double w, double h, double ow, double oh) {
        double x1 = Math.min(ow, Math.max(0, x));
        double y1 = Math.min(oh, Math.max(0, y));
        double x2 = Math.min(ow, Math.max(0, x + w));
        double y2 = Math.min(oh, Math.max(0, y + h));
        return new double[]{c, score, x1, y1, x2 - x1, y2 - y1};
    }

    private static double iou(double[] a, double[] b) {
        double ix = Math.max(0, Math.min(a[2] + a[4], b[2] + b[4]) - Math.max(a[2], b[2]));
        double iy = Math.max(0, Math.min(a[3] + a[5], b[3] + b[5]) - Math.max(a[3], b[3]));
        double inter = ix * iy;
        return inter / (a[4] * a[5] + b[4] * b[5] - inter);
    }
}
