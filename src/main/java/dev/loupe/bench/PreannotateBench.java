package dev.loupe.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateReport;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.inference.PreparedImage;
import dev.loupe.inference.Preprocessor;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end pre-annotation (decode, preprocess, infer, decode boxes, store) against raw ONNX Runtime
 * {@code run} throughput on already-prepared tensors, same model, same sessions and threads, in one run.
 */
@Command(name = "preannotate", mixinStandardHelpOptions = true,
        description = "Pre-annotation throughput against raw ONNX Runtime on prepared tensors (JSON field 'ratio').")
final class PreannotateBench implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--models-dir", required = true, paramLabel = "DIR")
    Path modelsDir;

    @Option(names = "--images", required = true, paramLabel = "DIR")
    Path images;

    @Option(names = "--model", defaultValue = "yolox_nano")
    String model;

    @Option(names = "--sessions", description = "Engine sessions (default: cores).")
    Integer sessions;

    @Option(names = "--threads", defaultValue = "1", description = "Engine threads per session (default 1).")
    int threads;

    @Option(names = "--decode-threads", defaultValue = "0")
    int decodeThreads;

    @Option(names = "--score", defaultValue = "0.3", description = "Score threshold; the default is the peer "
            + "script's, so both sides decode and store the same boxes (0.001 is the evaluation setting).")
    double score;

    @Option(names = "--nms", defaultValue = "0.45", description = "NMS IoU, the peer script's by default.")
    double nms;

    @Option(names = "--peer", paramLabel = "PYTHON", description = "A Python with onnxruntime, opencv and numpy: runs "
            + "the peer script in the same run and times cv2.imread on the same images (cv2 alone is enough for that).")
    Path peerPython;

    @Option(names = "--peer-script", paramLabel = "FILE", defaultValue = "../shared/tools/peer_preannotate.py",
            description = "The peer script (default ${DEFAULT-VALUE}).")
    Path peerScript;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("loupe-bench-pre");
        try (Project p = Project.create(work.resolve("project"));
             Detector detector = Detectors.load(model, modelsDir, new Detectors.DetectorConfigOverrides(score, nms, 100,
                     sessions, threads, null), b -> { })) {
            List<ImportCandidate> candidates = ImportSources.fromFolder(images);
            new ImportImagesJob(p.store(), "bench", candidates, new UrlFetcher(p.cacheDir("downloads"), Duration.ofSeconds(1)))
                    .run(JobContext.silent());
            int n = detector.config().sessions();
            out.put("model", detector.descriptor().name());
            out.put("score", score);
            out.put("sessions", n);
            out.put("threadsPerSession", detector.config().threadsPerSession());

            List<PreparedImage> tensors = prepare(candidates, new Preprocessor(detector.descriptor()));
            double raw = raw(modelsDir.resolve(detector.descriptor().weights().file()), tensors, n,
                    detector.config().threadsPerSession());
            PreannotateReport r = new PreannotateJob(p.store(), detector, new PreannotateRequest("bench", "bench", null,
                    null, null, decodeThreads)).run(JobContext.silent());
            double raw2 = raw(modelsDir.resolve(detector.descriptor().weights().file()), tensors, n,
                    detector.config().threadsPerSession());
            double rawRate = Math.max(raw, raw2);
            out.put("images", r.images());
            out.put("rawImagesPerSec", GalleryBench.round(rawRate));
            out.put("endToEndImagesPerSec", GalleryBench.round(r.imagesPerSecond()));
            out.put("ratio", GalleryBench.round(r.imagesPerSecond() / rawRate));
            Map<String, Object> perImage = new LinkedHashMap<>();
            r.stageMillis().forEach((k, v) -> perImage.put(k, GalleryBench.round(v / Math.max(1, r.images()))));
            out.put("stageMsPerImage", perImage);
            out.put("boxes", r.boxes());
            out.put("loupeDecodeMsPerImage", GalleryBench.round(decodeMs(candidates)));
            if (peerPython != null) {
                out.putAll(PeerRun.measure(peerPython, peerScript, modelsDir.resolve(detector.descriptor().weights().file()),
                        images, n));
            }
        }
        BenchOutput.print(out, json);
        return 0;
    }

    /** Loupe's decoder on one thread, the median of three passes over the images (the first warms up). */
    private static double decodeMs(List<ImportCandidate> candidates) throws Exception {
        double[] passes = new double[3];
        for (int p = 0; p < passes.length; p++) {
            long t = System.nanoTime();
            for (ImportCandidate c : candidates) {
                ImageDecoder.decode(c.file(), 1);
            }
            passes[p] = (System.nanoTime() - t) / 1e6 / candidates.size();
        }
        return GalleryBench.median(passes);
    }

    private static List<PreparedImage> prepare(List<ImportCandidate> candidates, Preprocessor pre) throws Exception {
        List<PreparedImage> out = new ArrayList<>();
        for (ImportCandidate c : candidates) {
            out.add(pre.prepare(ImageDecoder.decode(c.file(), 1)));
        }
        return out;
    }

    /** Runs every prepared tensor through plain ONNX Runtime sessions, one thread per session; returns runs/s. */
    private static double raw(Path weights, List<PreparedImage> tensors, int sessions, int threads) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> all = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                o.setIntraOpNumThreads(threads);
                o.setInterOpNumThreads(1);
                all.add(env.createSession(weights.toString(), o));
            }
            AtomicInteger next = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            long t = System.nanoTime();
            for (OrtSession s : all) {
                String input = s.getInputNames().iterator().next();
                Thread w = new Thread(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < tensors.size()) {
                        PreparedImage p = tensors.get(i);
                        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(p.tensor()),
                                new long[]{1, 3, p.height(), p.width()}); OrtSession.Result r = s.run(Map.of(input, in))) {
                            r.get(0);
                        } catch (ai.onnxruntime.OrtException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            return tensors.size() / ((System.nanoTime() - t) / 1e9);
        } finally {
            for (OrtSession s : all) {
                s.close();
            }
        }
    }
}
