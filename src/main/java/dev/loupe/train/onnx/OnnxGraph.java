package dev.loupe.train.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model read from its protobuf bytes: the operators in order, the initializers (weights) by name and
 * the graph's input and output names. The file's bytes are kept: trained weights are written back into a copy
 * at the offsets their initializers were read from, so everything else in the file stays exactly as it was.
 */
public final class OnnxGraph {
    private final byte[] file;
    private final List<OnnxNode> nodes;
    private final Map<String, OnnxTensor> initializers;
    private final List<String> inputs;
    private final List<String> outputs;

    private OnnxGraph(byte[] file, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers, List<String> inputs,
                      List<String> outputs) {
        this.file = file;
        this.nodes = nodes;
        this.initializers = initializers;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static OnnxGraph read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            return parse(bytes);
        } catch (OnnxFormatException e) {
            throw new IOException(path + ": not a readable ONNX model: " + e.getMessage(), e);
        }
    }

    public static OnnxGraph parse(byte[] bytes) {
        ProtoReader model = new ProtoReader(bytes, 0, bytes.length);
        while (model.hasMore()) {
            int tag = model.tag();
            if (tag >>> 3 == 7 && (tag & 7) == ProtoReader.LENGTH) {
                return graph(bytes, model.sub());
            }
            model.skip(tag & 7);
        }
        throw new OnnxFormatException("no graph in the model");
    }

    private static OnnxGraph graph(byte[] bytes, ProtoReader g) {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> init = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (g.hasMore()) {
            int tag = g.tag();
            switch (tag >>> 3) {
                case 1 -> nodes.add(OnnxNode.parse(g.sub()));
                case 5 -> {
                    OnnxTensor t = OnnxTensor.parse(g.sub());
                    init.put(t.name(), t);
                }
                case 11 -> inputs.add(valueName(g.sub()));
                case 12 -> outputs.add(valueName(g.sub()));
                default -> g.skip(tag & 7);
            }
        }
        inputs.removeIf(init::containsKey); // older exporters list initializers as inputs too
        return new OnnxGraph(bytes, nodes, init, inputs, outputs);
    }

    private static String valueName(ProtoReader r) {
        String name = "";
        while (r.hasMore()) {
            int tag = r.tag();
            if (tag >>> 3 == 1) {
                name = r.string();
            } else {
                r.skip(tag & 7);
            }
        }
        return name;
    }

    public List<OnnxNode> nodes() {
        return nodes;
    }

    public Map<String, OnnxTensor> initializers() {
        return initializers;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** A float initializer's new shape and values. */
    public record Reshaped(long[] dims, float[] values) {
    }

    /**
     * A copy of the file in which these float initializers take new shapes (a head with another number of
     * classes) and the graph output's last dimension becomes {@code outputColumns}; read it back with
     * {@link #parse(byte[])} to train it.
     */
    public byte[] withReshaped(Map<String, Reshaped> tensors, long outputColumns) {
        return OnnxRewriter.rewrite(file, tensors, outputColumns);
    }

    /**
     * A copy of the file with these initializers' float values replaced (same shapes). Weights are stored as
     * fixed-size little-endian floats, so the bytes around them do not move.
     */
    public byte[] withWeights(Map<String, float[]> weights) {
        byte[] out = file.clone();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        weights.forEach((name, values) -> {
            OnnxTensor t = initializers.get(name);
            if (t == null || !t.isFloat() || t.payloadOffset < 0) {
                throw new IllegalArgumentException("no float initializer '" + name + "' to write");
            }
            if (values.length != t.floats.length) {
                throw new IllegalArgumentException("initializer '" + name + "' holds " + t.floats.length
                        + " floats, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                buf.putFloat(t.payloadOffset + 4 * i, values[i]);
            }
        });
        return out;
    }
}
