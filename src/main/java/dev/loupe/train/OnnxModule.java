package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.loupe.train.onnx.OnnxGraph;
import dev.loupe.train.onnx.OnnxNode;
import dev.loupe.train.onnx.OnnxTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an ONNX detector's graph as a differentiable DJL model: every float initializer becomes a parameter
 * NDArray (gradients flow to it), every operator is evaluated with NDArray operations in graph order. Integer
 * tensors (shapes, slice bounds, gather indices) are evaluated in Java, as the exporters meant them: constant
 * folding of the shape arithmetic that reshapes the head's output.
 */
public final class OnnxModule implements AutoCloseable {
    private final OnnxGraph graph;
    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, long[]> integers = new HashMap<>();
    private final Map<String, NDArray> constants = new HashMap<>();

    public OnnxModule(OnnxGraph graph, NDManager parent) {
        this.graph = graph;
        this.manager = parent.newSubManager();
        for (OnnxTensor t : graph.initializers().values()) {
            if (t.isFloat()) {
                NDArray p = manager.create(t.floats(), new Shape(t.dims()));
                p.setName(t.name());
                parameters.put(t.name(), p);
            } else {
                integers.put(t.name(), t.longs());
            }
        }
        for (OnnxNode n : graph.nodes()) {
            if (n.opType().equals("Constant")) {
                OnnxTensor t = n.attributes().get("value").t();
                if (t.isFloat()) {
                    constants.put(n.outputs().get(0), manager.create(t.floats(), new Shape(t.dims())));
                } else {
                    integers.put(n.outputs().get(0), t.longs());
                }
            }
        }
    }

    /**
     * The name of the first operator that reads each weight: exporters name operators by module path
     * ({@code /backbone/backbone/stem/conv/Conv}) even where folded batch norm left the weights anonymous.
     */
    public Map<String, String> operatorOf() {
        Map<String, String> out = new HashMap<>();
        for (OnnxNode n : graph.nodes()) {
            for (String in : n.inputs()) {
                if (parameters.containsKey(in)) {
                    out.putIfAbsent(in, n.name());
                }
            }
        }
        return out;
    }

    /** The trainable weights by initializer name. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** The current weights as plain floats, ready to write into the ONNX file. */
    public Map<String, float[]> weights() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }

    /** Copies these weights into the parameters (shapes must match). */
    public void load(Map<String, float[]> weights) {
        weights.forEach((name, values) -> {
            NDArray p = parameters.get(name);
            if (p != null) {
                p.set(java.nio.FloatBuffer.wrap(values));
            }
        });
    }

    /**
     * The graph's first output for this input; intermediate arrays belong to {@code step}, which the caller
     * closes after the backward pass.
     */
    public NDArray forward(NDArray input, NDManager step) {
        Map<String, NDArray> values = new HashMap<>(parameters);
        values.putAll(constants);
        values.put(graph.inputs().get(0), input);
        Map<String, long[]> ints = new HashMap<>(integers);
        for (OnnxNode n : graph.nodes()) {
            if (n.opType().equals("Constant")) {
                continue;
            }
            if (evaluateInteger(n, values, ints)) {
                continue;
            }
            NDArray out = run(n, values, ints);
            out.attach(step);
            values.put(n.outputs().get(0), out);
        }
        return values.get(graph.outputs().get(0));
    }

    /** Shape arithmetic on integer tensors: done in Java, the result is an integer tensor. */
    private static boolean evaluateInteger(OnnxNode n, Map<String, NDArray> values, Map<String, long[]> ints) {
        String out = n.outputs().get(0);
        switch (n.opType()) {
            case "Shape" -> {
                ints.put(out, values.get(n.inputs().get(0)).getShape().getShape());
                return true;
            }
            case "Slice", "Concat", "Gather", "Unsqueeze" -> {
                if (!ints.containsKey(n.inputs().get(0))) {
                    return false;
                }
                long[] in = ints.get(n.inputs().get(0));
                long[] r;
                switch (n.opType()) {
                    case "Slice" -> {
                        long start = clampIndex(ints.get(n.inputs().get(1))[0], in.length);
                        long end = clampIndex(ints.get(n.inputs().get(2))[0], in.length);
                        r = Arrays.copyOfRange(in, (int) start, (int) Math.max(start, end));
                    }
                    case "Concat" -> {
                        r = new long[0];
                        for (String name : n.inputs()) {
                            long[] part = ints.get(name);
                            long[] joined = Arrays.copyOf(r, r.length + part.length);
                            System.arraycopy(part, 0, joined, r.length, part.length);
                            r = joined;
                        }
                    }
                    case "Gather" -> r = Arrays.stream(ints.get(n.inputs().get(1))).map(i -> in[(int) i]).toArray();
                    default -> r = in;
                }
                ints.put(out, r);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static long clampIndex(long i, long length) {
        long v = i < 0 ? i + length : i;
        return Math.max(0, Math.min(length, v));
    }

    private static NDArray run(OnnxNode n, Map<String, NDArray> v, Map<String, long[]> ints) {
        NDArray x = v.get(n.inputs().get(0));
        if (x == null) {
            throw new IllegalStateException(n.opType() + " '" + n.name() + "': no value for input " + n.inputs().get(0));
        }
        return switch (n.opType()) {
            case "Conv" -> conv(n, x, v.get(n.inputs().get(1)), n.inputs().size() > 2 ? v.get(n.inputs().get(2)) : null);
            case "Sigmoid" -> Activation.sigmoid(x);
            case "Relu" -> Activation.relu(x);
            case "Exp" -> x.exp();
            case "Mul" -> x.mul(v.get(n.inputs().get(1)));
            case "Add" -> x.add(v.get(n.inputs().get(1)));
            case "Sub" -> x.sub(v.get(n.inputs().get(1)));
            case "Concat" -> {
                NDList parts = new NDList();
                n.inputs().forEach(name -> parts.add(v.get(name)));
                yield NDArrays.concat(parts, (int) n.intAttr("axis", 0));
            }
            case "Slice" -> slice(x, ints.get(n.inputs().get(1)), ints.get(n.inputs().get(2)),
                    n.inputs().size() > 3 ? ints.get(n.inputs().get(3)) : null,
                    n.inputs().size() > 4 ? ints.get(n.inputs().get(4)) : null);
            case "MaxPool" -> Pool.maxPool2d(x, shape(n.intsAttr("kernel_shape", null)),
                    shape(n.intsAttr("strides", new long[]{1, 1})), symmetricPads(n), n.intAttr("ceil_mode", 0) == 1);
            case "AveragePool" -> Pool.avgPool2d(x, shape(n.intsAttr("kernel_shape", null)),
                    shape(n.intsAttr("strides", new long[]{1, 1})), symmetricPads(n), n.intAttr("ceil_mode", 0) == 1,
                    n.intAttr("count_include_pad", 0) == 1);
            case "Resize" -> nearestUpsample(n, x, v);
            case "Reshape" -> x.reshape(reshapeTarget(x.getShape(), ints.get(n.inputs().get(1))));
            case "Transpose" -> x.transpose(Arrays.stream(n.intsAttr("perm", null)).mapToInt(i -> (int) i).toArray());
            case "Softmax" -> x.softmax((int) n.intAttr("axis", 1));
            case "Gather" -> gather(x, ints.get(n.inputs().get(1)), (int) n.intAttr("axis", 0));
            case "Pad" -> pad(n, x, ints);
            default -> throw new UnsupportedOperationException("ONNX operator " + n.opType() + " ('" + n.name()
                    + "') is not supported for training");
        };
    }

    private static NDArray conv(OnnxNode n, NDArray x, NDArray w, NDArray b) {
        return Conv2d.conv2d(x, w, b, shape(n.intsAttr("strides", new long[]{1, 1})), symmetricPads(n),
                shape(n.intsAttr("dilations", new long[]{1, 1})), (int) n.intAttr("group", 1)).singletonOrThrow();
    }

    /** ONNX pads are [begin..., end...]; the exported models pad symmetrically. */
    private static Shape symmetricPads(OnnxNode n) {
        long[] pads = n.intsAttr("pads", new long[]{0, 0, 0, 0});
        int d = pads.length / 2;
        for (int i = 0; i < d; i++) {
            if (pads[i] != pads[i + d]) {
                throw new UnsupportedOperationException(n.opType() + " '" + n.name() + "': asymmetric pads "
                        + Arrays.toString(pads));
            }
        }
        return new Shape(Arrays.copyOf(pads, d));
    }

    private static Shape shape(long[] dims) {
        return new Shape(dims);
    }

    private static NDArray slice(NDArray x, long[] starts, long[] ends, long[] axes, long[] steps) {
        int rank = x.getShape().dimension();
        String[] parts = new String[rank];
        Arrays.fill(parts, ":");
        for (int k = 0; k < starts.length; k++) {
            int axis = (int) (axes == null ? k : axes[k] < 0 ? axes[k] + rank : axes[k]);
            long size = x.getShape().get(axis);
            long start = clampIndex(starts[k], size);
            long end = clampIndex(ends[k] > size ? size : ends[k], size);
            long step = steps == null ? 1 : steps[k];
            parts[axis] = start + ":" + end + (step == 1 ? "" : ":" + step);
        }
        return x.get(new NDIndex(String.join(",", parts)));
    }

    /** Nearest-neighbour upsampling by integer scales (mode nearest, asymmetric, floor), via broadcast. */
    private static NDArray nearestUpsample(OnnxNode n, NDArray x, Map<String, NDArray> v) {
        if (!"nearest".equals(n.stringAttr("mode", "nearest"))) {
            throw new UnsupportedOperationException("Resize '" + n.name() + "': only nearest mode is supported");
        }
        float[] scales = null;
        for (int i = n.inputs().size() - 1; i >= 1 && scales == null; i--) {
            NDArray s = v.get(n.inputs().get(i));
            if (s != null && s.size() == 4) {
                scales = s.toFloatArray();
            }
        }
        if (scales == null || scales[2] != Math.rint(scales[2]) || scales[3] != Math.rint(scales[3])) {
            throw new UnsupportedOperationException("Resize '" + n.name() + "': integer scales are required");
        }
        long[] s = x.getShape().getShape();
        int sh = (int) scales[2];
        int sw = (int) scales[3];
        return x.reshape(s[0], s[1], s[2], 1, s[3], 1).broadcast(s[0], s[1], s[2], sh, s[3], sw)
                .reshape(s[0], s[1], s[2] * sh, s[3] * sw);
    }

    /** ONNX Reshape: 0 copies the input's dimension, -1 is inferred. */
    private static Shape reshapeTarget(Shape in, long[] target) {
        long[] dims = target.clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                dims[i] = in.get(i);
            }
        }
        return new Shape(dims);
    }

    private static NDArray gather(NDArray x, long[] indices, int axis) {
        if (indices.length == 1) {
            String[] parts = new String[x.getShape().dimension()];
            Arrays.fill(parts, ":");
            parts[axis] = Long.toString(indices[0]);
            return x.get(new NDIndex(String.join(",", parts)));
        }
        List<NDArray> picked = new ArrayList<>();
        for (long i : indices) {
            picked.add(gather(x, new long[]{i}, axis).expandDims(axis));
        }
        return NDArrays.concat(new NDList(picked), axis);
    }

    /** Constant padding of the last two axes (the only kind the shipped models use). */
    private static NDArray pad(OnnxNode n, NDArray x, Map<String, long[]> ints) {
        long[] pads = n.inputs().size() > 1 ? ints.get(n.inputs().get(1)) : n.intsAttr("pads", null);
        int rank = x.getShape().dimension();
        long[] torch = new long[2 * rank];
        for (int axis = 0; axis < rank; axis++) {
            // DJL/PyTorch order: last axis first, (begin, end) pairs
            torch[2 * (rank - 1 - axis)] = pads[axis];
            torch[2 * (rank - 1 - axis) + 1] = pads[axis + rank];
        }
        return x.pad(new Shape(torch), 0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
