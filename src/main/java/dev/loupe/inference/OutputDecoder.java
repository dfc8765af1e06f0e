package dev.loupe.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw model output into candidate detections in original image pixels (before NMS). Plain math over
 * a float array and its shape, so it is tested without an engine.
 */
public final class OutputDecoder {

    private OutputDecoder() {
    }

    /** Checks that an output shape fits the descriptor's decoder; returns a message when it does not. */
    public static String shapeProblem(ModelDescriptor d, long[] shape) {
        int classes = d.classNames().size();
        return switch (d.decoder()) {
            case YOLOX -> {
                long rows = 0;
                for (int stride : new int[]{8, 16, 32}) {
                    rows += (long) (d.inputHeight() / stride) * (d.inputWidth() / stride);
                }
                yield shape.length == 3 && shape[1] == rows && shape[2] == 5 + classes ? null
                        : "expected [1, " + rows + ", " + (5 + classes) + "]";
            }
            case FASTESTDET -> shape.length == 4 && shape[1] == 5 + classes ? null
                    : "expected [1, " + (5 + classes) + ", H, W]";
        };
    }

    public static List<Detection> decode(ModelDescriptor d, float[] out, long[] shape, PreparedImage in, double minScore) {
        return switch (d.decoder()) {
            case YOLOX -> yolox(out, d, in, minScore);
            case FASTESTDET -> fastestDet(out, (int) shape[2], (int) shape[3], d, in, minScore);
        };
    }

    /** Rows per grid cell (stride 8, 16, 32): p0..p3 box, p4 objectness, then class probabilities. */
    static List<Detection> yolox(float[] out, ModelDescriptor d, PreparedImage in, double minScore) {
        int classes = d.classNames().size();
        int cols = 5 + classes;
        List<Detection> found = new ArrayList<>();
        int row = 0;
        for (int stride : new int[]{8, 16, 32}) {
            int gh = d.inputHeight() / stride;
            int gw = d.inputWidth() / stride;
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++, row++) {
                    int o = row * cols;
                    float obj = out[o + 4];
                    if (obj < minScore) {
                        continue;
                    }
                    double cx = (out[o] + gx) * stride;
                    double cy = (out[o + 1] + gy) * stride;
                    double w = Math.exp(out[o + 2]) * stride;
                    double h = Math.exp(out[o + 3]) * stride;
                    for (int c = 0; c < classes; c++) {
                        double score = obj * out[o + 5 + c];
                        if (score >= minScore) {
                            found.add(toOriginal(c, d, score, cx - w / 2, cy - h / 2, w, h, in));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Channels × grid: 0 objectness, 1..4 box, 5.. class scores (softmaxed); box as fractions of the image. */
    static List<Detection> fastestDet(float[] out, int gh, int gw, ModelDescriptor d, PreparedImage in, double minScore) {
        int classes = d.classNames().size();
        int plane = gh * gw;
        List<Detection> found = new ArrayList<>();
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                int i = gy * gw + gx;
                float obj = out[i];
                int best = 0;
                float bestScore = out[5 * plane + i];
                for (int c = 1; c < classes; c++) {
                    float s = out[(5 + c) * plane + i];
                    if (s > bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                double score = Math.pow(obj, 0.6) * Math.pow(bestScore, 0.4);
                if (score < minScore) {
                    continue;
                }
                double cx = (gx + Math.tanh(out[plane + i])) / gw;
                double cy = (gy + Math.tanh(out[2 * plane + i])) / gh;
                double w = sigmoid(out[3 * plane + i]);
                double h = sigmoid(out[4 * plane + i]);
                double ow = in.originalWidth();
                double oh = in.originalHeight();
                found.add(clipped(best, d, score, (cx - w / 2) * ow, (cy - h / 2) * oh, w * ow, h * oh, ow, oh));
            }
        }
        return found;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static Detection toOriginal(int c, ModelDescriptor d, double score, double x, double y, double w, double h,
                                        PreparedImage in) {
        return clipped(c, d, score, (x - in.padX()) / in.scaleX(), (y - in.padY()) / in.scaleY(), w / in.scaleX(),
                h / in.scaleY(), in.originalWidth(), in.originalHeight());
    }

    private static Detection clipped(int c, ModelDescriptor d, double score, double x, double y, double w, double h,
                                     double ow, double oh) {
        double x1 = Math.max(0, Math.min(ow, x));
        double y1 = Math.max(0, Math.min(oh, y));
        double x2 = Math.max(0, Math.min(ow, x + w));
        double y2 = Math.max(0, Math.min(oh, y + h));
        return new Detection(c, d.classNames().get(c), score, x1, y1, x2 - x1, y2 - y1);
    }
}
