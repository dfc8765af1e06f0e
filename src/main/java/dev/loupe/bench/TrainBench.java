package dev.loupe.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.train.LayerScaledAdam;
import dev.loupe.train.ScaledOptimizer;
import dev.loupe.train.OnnxModule;
import dev.loupe.train.WeightAverage;
import dev.loupe.train.onnx.OnnxGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Training throughput of the ONNX detector on DJL's PyTorch engine (forward, backward and Adam on random
 * 416x416 input, a batch in one pass as Loupe trains, and as gradient accumulation over single images) against
 * the same graph in PyTorch eager, run in the same session by {@code bench/pytorch/train_speed.py} when python3
 * with torch and onnx is there.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training images/s against PyTorch eager.")
final class TrainBench implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE.onnx")
    Path model;

    @Option(names = "--batch", defaultValue = "8")
    int batch;

    @Option(names = "--steps", defaultValue = "6")
    int steps;

    @Option(names = "--python", defaultValue = "/usr/bin/python3")
    String python;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Map<String, Object> out = new LinkedHashMap<>();
        double accumulated = loupe(false);
        double ours = loupe(true);
        out.put("loupeAccumulatedImagesPerSec", GalleryBench.round(accumulated));
        out.put("loupeImagesPerSec", GalleryBench.round(ours));
        Path script = Path.of("bench", "pytorch", "train_speed.py");
        if (Files.isRegularFile(script)) {
            Process p = new ProcessBuilder(python, script.toString(), model.toString(), Integer.toString(batch),
                    Integer.toString(steps)).redirectErrorStream(false).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0) {
                JsonNode ref = new ObjectMapper().readTree(text.lines().reduce((a, b) -> b).orElse("{}"));
                out.put("pytorchVersion", ref.get("torch").asText());
                out.put("pytorchThreads", ref.get("threads").asInt());
                out.put("pytorchAccumulatedImagesPerSec", ref.get("accumulatedImagesPerSec").asDouble());
                out.put("pytorchBatchedImagesPerSec", ref.get("batchedImagesPerSec").asDouble());
                out.put("ratioBatched", GalleryBench.round(ours / ref.get("batchedImagesPerSec").asDouble()));
                out.put("ratioAccumulated",
                        GalleryBench.round(accumulated / ref.get("accumulatedImagesPerSec").asDouble()));
            } else {
                out.put("pytorchReference", "not run: " + err.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()));
            }
        }
        BenchOutput.print(out, json);
        return 0;
    }

    /** Images per second; {@code batched}: one forward of the whole batch (as training runs), else one per image. */
    private double loupe(boolean batched) throws Exception {
        OnnxGraph graph = OnnxGraph.read(model);
        Engine engine = Engine.getEngine("PyTorch");
        float[] input = new float[batch * 3 * 416 * 416];
        Random random = new Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = 255 * random.nextFloat();
        }
        try (NDManager root = NDManager.newBaseManager("PyTorch"); OnnxModule module = new OnnxModule(graph, root)) {
            module.parameters().values().forEach(p -> p.setRequiresGradient(true));
            // the step training takes: Adam scaled per layer, then the weight average
            ScaledOptimizer adam = new LayerScaledAdam(module.parameters(), root);
            WeightAverage average = new WeightAverage(module.parameters(), root);
            long start = 0;
            int images = 0;
            for (int step = 0; step < steps + 2; step++) {
                if (step == 2) {
                    start = System.nanoTime();
                    images = 0;
                }
                module.parameters().values().forEach(p -> {
                    if (p.hasGradient()) {
                        p.getGradient().subi(p.getGradient());
                    }
                });
                try (GradientCollector gc = engine.newGradientCollector(); NDManager m = root.newSubManager()) {
                    NDArray all = m.create(input, new Shape(batch, 3, 416, 416));
                    if (batched) {
                        gc.backward(module.forward(all, m).square().mean());
                    } else {
                        // the divisor is a tensor of m: autograd keeps it until the backward pass (see YoloxLoss.scalar)
                        NDArray share = m.create(1f / batch);
                        for (int k = 0; k < batch; k++) {
                            try (NDManager one = m.newSubManager()) {
                                NDArray x = all.get(k + ":" + (k + 1));
                                x.attach(one);
                                gc.backward(module.forward(x, one).square().mean().mul(share));
                            }
                        }
                    }
                }
                adam.step(module.parameters(), 3e-5);
                average.update(module.parameters());
                images += batch;
            }
            return images / ((System.nanoTime() - start) / 1e9);
        }
    }
}
