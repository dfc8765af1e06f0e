package dev.loupe.train.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes the protobuf wire format: varint fields, length-delimited fields and raw copies of read fields. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varintField(int field, long value) {
        varint((long) field << 3 | ProtoReader.VARINT);
        varint(value);
        return this;
    }

    ProtoWriter bytesField(int field, byte[] value) {
        varint((long) field << 3 | ProtoReader.LENGTH);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter messageField(int field, ProtoWriter message) {
        return bytesField(field, message.toBytes());
    }

    /** Little-endian floats, as ONNX's raw_data holds them. */
    static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Copies bytes of the source as they are (a field read and kept unchanged). */
    ProtoWriter raw(byte[] source, int from, int to) {
        out.write(source, from, to - from);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
