package dev.loupe.train.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One operator of the graph: its type, input and output value names, and attributes. */
public record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs,
                       Map<String, Attribute> attributes) {

    /** An attribute: a float, an int, ints, floats, a string or a tensor. */
    public record Attribute(String name, float f, long i, long[] ints, float[] floats, String s, OnnxTensor t) {
    }

    public long intAttr(String key, long orElse) {
        Attribute a = attributes.get(key);
        return a == null ? orElse : a.i();
    }

    public float floatAttr(String key, float orElse) {
        Attribute a = attributes.get(key);
        return a == null ? orElse : a.f();
    }

    public long[] intsAttr(String key, long[] orElse) {
        Attribute a = attributes.get(key);
        return a == null || a.ints() == null ? orElse : a.ints();
    }

    public String stringAttr(String key, String orElse) {
        Attribute a = attributes.get(key);
        return a == null || a.s() == null ? orElse : a.s();
    }

    static OnnxNode parse(ProtoReader r) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        Map<String, Attribute> attrs = new HashMap<>();
        while (r.hasMore()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> in.add(r.string());
                case 2 -> out.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> {
                    Attribute a = attribute(r.sub());
                    attrs.put(a.name(), a);
                }
                default -> r.skip(tag & 7);
            }
        }
        return new OnnxNode(op, name, in, out, attrs);
    }

    private static Attribute attribute(ProtoReader r) {
        String name = "";
        float f = 0;
        long i = 0;
        long[] ints = null;
        float[] floats = null;
        String s = null;
        OnnxTensor t = null;
        while (r.hasMore()) {
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = r.string();
                case 2 -> f = Float.intBitsToFloat(r.fixed32());
                case 3 -> i = r.varint();
                case 4 -> s = r.string();
                case 5 -> t = OnnxTensor.parse(r.sub());
                case 7 -> {
                    if (wire == ProtoReader.LENGTH) {
                        ProtoReader p = r.sub();
                        List<Float> v = new ArrayList<>();
                        while (p.hasMore()) {
                            v.add(Float.intBitsToFloat(p.fixed32()));
                        }
                        floats = append(floats, v);
                    } else {
                        floats = append(floats, List.of(Float.intBitsToFloat(r.fixed32())));
                    }
                }
                case 8 -> ints = OnnxTensor.append(ints == null ? new long[0] : ints, wire, r);
                default -> r.skip(wire);
            }
        }
        return new Attribute(name, f, i, ints, floats, s, t);
    }

    private static float[] append(float[] to, List<Float> more) {
        int n = to == null ? 0 : to.length;
        float[] out = to == null ? new float[more.size()] : java.util.Arrays.copyOf(to, n + more.size());
        for (int k = 0; k < more.size(); k++) {
            out[n + k] = more.get(k);
        }
        return out;
    }
}
