package dev.loupe.train.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format (varints, fixed 32/64-bit and length-delimited fields) from a byte array,
 * keeping absolute offsets so a parsed field can be found again in the original bytes.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private final byte[] data;
    private int pos;
    private final int end;

    ProtoReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    boolean hasMore() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    /** The next field's tag: field number << 3 | wire type. */
    int tag() {
        return (int) varint();
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new OnnxFormatException("truncated varint at byte " + pos);
            }
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new OnnxFormatException("malformed varint at byte " + pos);
    }

    int fixed32() {
        check(4);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A length-delimited field: returns a reader over its bytes and skips past them. */
    ProtoReader sub() {
        int length = (int) varint();
        check(length);
        ProtoReader r = new ProtoReader(data, pos, pos + length);
        pos += length;
        return r;
    }

    String string() {
        int length = (int) varint();
        check(length);
        String s = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** Skips a field of the given wire type. */
    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> {
                check(8);
                pos += 8;
            }
            case LENGTH -> {
                int length = (int) varint();
                check(length);
                pos += length;
            }
            case FIXED32 -> {
                check(4);
                pos += 4;
            }
            default -> throw new OnnxFormatException("unsupported wire type " + wireType + " at byte " + pos);
        }
    }

    int start() {
        return pos;
    }

    int end() {
        return end;
    }

    byte[] bytes() {
        return data;
    }

    private void check(int n) {
        if (n < 0 || pos + n > end) {
            throw new OnnxFormatException("field of " + n + " bytes runs past its message at byte " + pos);
        }
    }
}
