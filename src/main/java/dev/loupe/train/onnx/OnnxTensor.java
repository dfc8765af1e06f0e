package dev.loupe.train.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of the graph (an initializer or a Constant node's value): float or int64 data with its
 * shape, and where its float payload sits in the file so trained weights can be written back in place.
 */
public final class OnnxTensor {
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int INT32 = 6;

    final String name;
    final long[] dims;
    final int dataType;
    final float[] floats;
    final long[] longs;
    /** Offset and length of the little-endian float payload in the file (raw_data or packed float_data), or -1. */
    final int payloadOffset;

    OnnxTensor(String name, long[] dims, int dataType, float[] floats, long[] longs, int payloadOffset) {
        this.name = name;
        this.dims = dims;
        this.dataType = dataType;
        this.floats = floats;
        this.longs = longs;
        this.payloadOffset = payloadOffset;
    }

    public String name() {
        return name;
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isFloat() {
        return dataType == FLOAT;
    }

    public float[] floats() {
        return floats;
    }

    public long[] longs() {
        return longs;
    }

    static OnnxTensor parse(ProtoReader r) {
        String name = "";
        long[] dims = new long[0];
        int type = 0;
        float[] floatData = null;
        long[] int64Data = null;
        int[] int32Data = null;
        int rawOffset = -1;
        int rawLength = 0;
        int floatOffset = -1;
        byte[] bytes = r.bytes();
        while (r.hasMore()) {
            int tag = r.tag();
            int field = tag >>> 3;
            int wire = tag & 7;
            switch (field) {
                case 1 -> dims = append(dims, wire, r);
                case 2 -> type = (int) r.varint();
                case 4 -> {
                    if (wire == ProtoReader.LENGTH) {
                        ProtoReader p = r.sub();
                        floatOffset = p.start();
                        int n = (p.end() - p.start()) / 4;
                        floatData = new float[n];
                        for (int i = 0; i < n; i++) {
                            floatData[i] = Float.intBitsToFloat(p.fixed32());
                        }
                    } else {
                        throw new OnnxFormatException("tensor '" + name + "': unpacked float_data is not supported");
                    }
                }
                case 5 -> {
                    long[] v = append(new long[0], wire, r);
                    int32Data = Arrays.stream(v).mapToInt(x -> (int) x).toArray();
                }
                case 7 -> int64Data = append(int64Data == null ? new long[0] : int64Data, wire, r);
                case 8 -> name = r.string();
                case 9 -> {
                    ProtoReader p = r.sub();
                    rawOffset = p.start();
                    rawLength = p.end() - p.start();
                }
                default -> r.skip(wire);
            }
        }
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (type == FLOAT) {
            if (rawOffset >= 0) {
                floatData = new float[rawLength / 4];
                ByteBuffer.wrap(bytes, rawOffset, rawLength).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floatData);
                floatOffset = rawOffset;
            }
            if (floatData == null || floatData.length != count) {
                throw new OnnxFormatException("tensor '" + name + "': " + (floatData == null ? 0 : floatData.length)
                        + " floats for shape " + Arrays.toString(dims));
            }
            return new OnnxTensor(name, dims, type, floatData, null, floatOffset);
        }
        if (type == INT64 || type == INT32) {
            long[] values;
            if (rawOffset >= 0) {
                int width = type == INT64 ? 8 : 4;
                values = new long[rawLength / width];
                ByteBuffer b = ByteBuffer.wrap(bytes, rawOffset, rawLength).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < values.length; i++) {
                    values[i] = width == 8 ? b.getLong() : b.getInt();
                }
            } else if (type == INT64) {
                values = int64Data == null ? new long[0] : int64Data;
            } else {
                values = int32Data == null ? new long[0] : Arrays.stream(int32Data).asLongStream().toArray();
            }
            return new OnnxTensor(name, dims, INT64, null, values, -1);
        }
        throw new OnnxFormatException("tensor '" + name + "': data type " + type + " is not supported (float, int32, int64)");
    }

    /** A repeated int64 field, packed or not. */
    static long[] append(long[] to, int wire, ProtoReader r) {
        if (wire == ProtoReader.LENGTH) {
            ProtoReader p = r.sub();
            long[] out = to;
            while (p.hasMore()) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = p.varint();
            }
            return out;
        }
        long[] out = Arrays.copyOf(to, to.length + 1);
        out[to.length] = r.varint();
        return out;
    }
}
