package dev.loupe.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint's ONNX file (the averaged weights) does not hold but an exact resume needs: the live
 * weights, the optimizer's name, step count, per-tensor scales and moments, and the weight average's update count.
 */
record TrainingState(String optimizer, int steps, int averageUpdates, Map<String, Tensor> tensors) {
    private static final String MAGIC = "loupe-training-state-2";

    /** One trainable tensor's live values, its step scale and the optimizer's moments of it. */
    record Tensor(float[] live, float scale, float[][] moments) {
    }

    byte[] bytes() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(MAGIC);
            out.writeUTF(optimizer);
            out.writeInt(steps);
            out.writeInt(averageUpdates);
            out.writeInt(tensors.size());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeFloat(e.getValue().scale());
                write(out, e.getValue().live());
                out.writeInt(e.getValue().moments().length);
                for (float[] moment : e.getValue().moments()) {
                    write(out, moment);
                }
            }
        }
        return buffer.toByteArray();
    }

    static TrainingState read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            String magic = in.readUTF();
            if (!magic.equals(MAGIC)) {
                throw new IOException(file + " is not a Loupe training state of this version (starts with '"
                        + magic + "', expected '" + MAGIC + "')");
            }
            String optimizer = in.readUTF();
            int steps = in.readInt();
            int updates = in.readInt();
            int n = in.readInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                float scale = in.readFloat();
                float[] live = floats(in);
                float[][] moments = new float[in.readInt()][];
                for (int m = 0; m < moments.length; m++) {
                    moments[m] = floats(in);
                }
                tensors.put(name, new Tensor(live, scale, moments));
            }
            return new TrainingState(optimizer, steps, updates, tensors);
        }
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
