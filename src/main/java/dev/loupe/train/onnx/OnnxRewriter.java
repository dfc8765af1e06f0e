package dev.loupe.train.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an ONNX file whose float initializers change shape (a detection head with another number of classes):
 * those tensors are encoded anew, the graph output's last dimension follows, the optional shape annotations of
 * intermediate values (which would still name the old sizes) are dropped, and every other byte is copied.
 */
final class OnnxRewriter {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;

    private OnnxRewriter() {
    }

    static byte[] rewrite(byte[] file, Map<String, OnnxGraph.Reshaped> tensors, long outputColumns) {
        ProtoReader model = new ProtoReader(file, 0, file.length);
        ProtoWriter out = new ProtoWriter();
        while (model.hasMore()) {
            int from = model.position();
            int tag = model.tag();
            if (tag >>> 3 == MODEL_GRAPH && (tag & 7) == ProtoReader.LENGTH) {
                out.bytesField(MODEL_GRAPH, graph(file, model.sub(), tensors, outputColumns));
            } else {
                model.skip(tag & 7);
                out.raw(file, from, model.position());
            }
        }
        return out.toBytes();
    }

    private static byte[] graph(byte[] file, ProtoReader g, Map<String, OnnxGraph.Reshaped> tensors,
                                long outputColumns) {
        ProtoWriter out = new ProtoWriter();
        while (g.hasMore()) {
            int from = g.position();
            int tag = g.tag();
            int field = tag >>> 3;
            if (field == GRAPH_INITIALIZER) {
                ProtoReader sub = g.sub();
                String name = OnnxTensor.parse(new ProtoReader(file, sub.start(), sub.end())).name();
                OnnxGraph.Reshaped r = tensors.get(name);
                if (r != null) {
                    out.messageField(GRAPH_INITIALIZER, tensor(name, r));
                    continue;
                }
            } else if (field == GRAPH_OUTPUT) {
                out.messageField(GRAPH_OUTPUT, output(g.sub(), outputColumns));
                continue;
            } else if (field == GRAPH_VALUE_INFO) {
                g.skip(tag & 7);
                continue;
            } else {
                g.skip(tag & 7);
            }
            out.raw(file, from, g.position());
        }
        return out.toBytes();
    }

    /** TensorProto: dims (1), data_type (2), name (8), raw_data (9). */
    private static ProtoWriter tensor(String name, OnnxGraph.Reshaped r) {
        ProtoWriter t = new ProtoWriter();
        for (long d : r.dims()) {
            t.varintField(1, d);
        }
        return t.varintField(2, OnnxTensor.FLOAT).stringField(8, name).bytesField(9, ProtoWriter.floats(r.values()));
    }

    /** ValueInfoProto of a float tensor with the old dimensions, the last one replaced. */
    private static ProtoWriter output(ProtoReader info, long lastDim) {
        String name = "";
        List<Object> dims = new ArrayList<>(); // Long for a fixed size, String for a named one
        while (info.hasMore()) {
            int tag = info.tag();
            switch (tag >>> 3) {
                case 1 -> name = info.string();
                case 2 -> dims = dims(info.sub());
                default -> info.skip(tag & 7);
            }
        }
        if (!dims.isEmpty()) {
            dims.set(dims.size() - 1, lastDim);
        }
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Long v) {
                dim.varintField(1, v);
            } else {
                dim.stringField(2, (String) d);
            }
            shape.messageField(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varintField(1, OnnxTensor.FLOAT).messageField(2, shape);
        return new ProtoWriter().stringField(1, name).messageField(2, new ProtoWriter().messageField(1, tensorType));
    }

    /** TypeProto → tensor_type (1) → shape (2) → dim (1) → dim_value (1) or dim_param (2). */
    private static List<Object> dims(ProtoReader type) {
        List<Object> dims = new ArrayList<>();
        ProtoReader tensorType = field(type, 1);
        ProtoReader shape = tensorType == null ? null : field(tensorType, 2);
        while (shape != null && shape.hasMore()) {
            int tag = shape.tag();
            if (tag >>> 3 != 1) {
                shape.skip(tag & 7);
                continue;
            }
            ProtoReader dim = shape.sub();
            Object value = -1L;
            while (dim.hasMore()) {
                int t = dim.tag();
                switch (t >>> 3) {
                    case 1 -> value = dim.varint();
                    case 2 -> value = dim.string();
                    default -> dim.skip(t & 7);
                }
            }
            dims.add(value);
        }
        return dims;
    }

    private static ProtoReader field(ProtoReader message, int number) {
        while (message.hasMore()) {
            int tag = message.tag();
            if (tag >>> 3 == number && (tag & 7) == ProtoReader.LENGTH) {
                return message.sub();
            }
            message.skip(tag & 7);
        }
        return null;
    }
}
