package dev.loupe.train;

import dev.loupe.inference.ModelDescriptor;
import dev.loupe.train.onnx.OnnxGraph;
import dev.loupe.train.onnx.OnnxNode;
import dev.loupe.train.onnx.OnnxTensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The class outputs of a trained model: exactly the trained classes, in the order given. A class the pretrained
 * model knows keeps its weights in each level's class convolution; a class it does not know gets a new output
 * channel with small random weights and the prior-probability bias (p = 0.01, as YOLOX and RetinaNet start new
 * heads), so it begins by predicting "rarely" instead of noise. Box and objectness branches are untouched.
 */
final class ClassHead {
    static final double PRIOR = 0.01;
    static final float NEW_WEIGHT_STD = 0.01f;

    private final List<String> classes;
    private final int[] pretrainedIndex;
    /** The class convolutions found in the graph: weight name -> bias name. */
    private final Map<String, String> convolutions;

    private ClassHead(List<String> classes, int[] pretrainedIndex, Map<String, String> convolutions) {
        this.classes = classes;
        this.pretrainedIndex = pretrainedIndex;
        this.convolutions = convolutions;
    }

    /** The head for these classes on this model; fails in one line where the model's head cannot be re-headed. */
    static ClassHead of(OnnxGraph graph, ModelDescriptor d, List<String> classes) {
        if (d.decoder() != ModelDescriptor.DecoderFamily.YOLOX) {
            throw new IllegalArgumentException("model " + d.name() + " cannot be retrained: only YOLOX heads (one "
                    + "class convolution per level) can take new classes; its " + d.decoder() + " head cannot");
        }
        if (classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("a class is named twice in " + classes);
        }
        int[] index = classes.stream().mapToInt(c -> d.classNames().indexOf(c)).toArray();
        Map<String, String> convs = classConvolutions(graph, d.classNames().size());
        if (convs.isEmpty()) {
            throw new IllegalArgumentException("model " + d.name() + " cannot be re-headed: no convolution with "
                    + d.classNames().size() + " class outputs feeds its head's output");
        }
        return new ClassHead(List.copyOf(classes), index, convs);
    }

    /**
     * The head's class convolutions: in each level, the Conv whose output goes through a Sigmoid into the last
     * input of the level's channel Concat (box, objectness, classes), with one output per class.
     */
    private static Map<String, String> classConvolutions(OnnxGraph graph, int classCount) {
        Map<String, OnnxNode> producer = new HashMap<>();
        graph.nodes().forEach(n -> n.outputs().forEach(o -> producer.put(o, n)));
        Map<String, String> out = new LinkedHashMap<>();
        for (OnnxNode concat : graph.nodes()) {
            if (!concat.opType().equals("Concat") || concat.intAttr("axis", 0) != 1 || concat.inputs().size() != 3) {
                continue;
            }
            OnnxNode sigmoid = producer.get(concat.inputs().get(2));
            if (sigmoid == null || !sigmoid.opType().equals("Sigmoid")) {
                continue;
            }
            OnnxNode conv = producer.get(sigmoid.inputs().get(0));
            if (conv == null || !conv.opType().equals("Conv") || conv.inputs().size() < 3) {
                continue;
            }
            OnnxTensor w = graph.initializers().get(conv.inputs().get(1));
            if (w != null && w.isFloat() && w.dims()[0] == classCount) {
                out.put(conv.inputs().get(1), conv.inputs().get(2));
            }
        }
        return out;
    }

    List<String> classes() {
        return classes;
    }

    /** Whether the pretrained model has never seen this class. */
    boolean isNew(String name) {
        return pretrainedIndex[classes.indexOf(name)] < 0;
    }

    /** True when the trained classes are the pretrained model's own, in its order: nothing to change. */
    private boolean unchanged(ModelDescriptor d) {
        return classes.equals(d.classNames());
    }

    /** The graph with this head: known classes' channels copied, new ones initialised (seeded). */
    OnnxGraph apply(OnnxGraph graph, ModelDescriptor d, long seed) {
        if (unchanged(d)) {
            return graph;
        }
        Random random = new Random(seed);
        Map<String, OnnxGraph.Reshaped> tensors = new LinkedHashMap<>();
        float bias = (float) -Math.log((1 - PRIOR) / PRIOR);
        convolutions.forEach((weightName, biasName) -> {
            OnnxTensor w = graph.initializers().get(weightName);
            OnnxTensor b = graph.initializers().get(biasName);
            long[] dims = w.dims();
            int row = Math.toIntExact(w.floats().length / dims[0]);
            float[] weights = new float[classes.size() * row];
            float[] biases = new float[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                int from = pretrainedIndex[k];
                if (from >= 0) {
                    System.arraycopy(w.floats(), from * row, weights, k * row, row);
                    biases[k] = b.floats()[from];
                } else {
                    for (int i = 0; i < row; i++) {
                        weights[k * row + i] = (float) random.nextGaussian() * NEW_WEIGHT_STD;
                    }
                    biases[k] = bias;
                }
            }
            dims[0] = classes.size();
            tensors.put(weightName, new OnnxGraph.Reshaped(dims, weights));
            tensors.put(biasName, new OnnxGraph.Reshaped(new long[]{classes.size()}, biases));
        });
        return OnnxGraph.parse(graph.withReshaped(tensors, 5 + classes.size()));
    }

    /** Whether any trained class is one the pretrained model has never seen. */
    boolean hasNewClass() {
        return classes.stream().anyMatch(this::isNew);
    }

    /**
     * How far the optimizer steps the class convolutions' tensors, by name: their pretrained RMS, since a new
     * head's tensors start small and random and should move like the head they replace.
     */
    Map<String, Float> stepSizes(OnnxGraph pretrained) {
        Map<String, Float> out = new HashMap<>();
        List<String> names = new ArrayList<>(convolutions.keySet());
        names.addAll(convolutions.values());
        for (String name : names) {
            float[] v = pretrained.initializers().get(name).floats();
            double sum = 0;
            for (float x : v) {
                sum += x * x;
            }
            out.put(name, (float) Math.sqrt(sum / v.length));
        }
        return out;
    }
}
