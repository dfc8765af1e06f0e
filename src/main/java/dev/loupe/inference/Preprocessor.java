package dev.loupe.inference;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Resizes a decoded image into a model's input tensor as its descriptor says (letterbox or stretch, colour
 * order, scale, mean, std). The bilinear resize (OpenCV's half-pixel convention) reads the BGR byte raster
 * directly and writes the float planes in one pass: no per-pixel getRGB, no intermediate image.
 */
public final class Preprocessor {
    private final ModelDescriptor d;
    private final float[] mul = new float[3];
    private final float[] add = new float[3];

    public Preprocessor(ModelDescriptor descriptor) {
        this.d = descriptor;
        double[] mean = d.mean();
        double[] std = d.std();
        for (int c = 0; c < 3; c++) {
            mul[c] = (float) (d.scale() / std[c]);
            add[c] = (float) (-mean[c] / std[c]);
        }
    }

    public PreparedImage prepare(BufferedImage src) {
        int w = d.inputWidth();
        int h = d.inputHeight();
        int ow = src.getWidth();
        int oh = src.getHeight();
        double sx;
        double sy;
        int rw;
        int rh;
        int px = 0;
        int py = 0;
        if (d.resize() == ModelDescriptor.ResizeRule.STRETCH) {
            rw = w;
            rh = h;
            sx = (double) w / ow;
            sy = (double) h / oh;
        } else {
            double r = Math.min((double) w / ow, (double) h / oh);
            rw = Math.max(1, Math.min(w, (int) (ow * r)));
            rh = Math.max(1, Math.min(h, (int) (oh * r)));
            sx = r;
            sy = r;
            if (d.resize() == ModelDescriptor.ResizeRule.LETTERBOX_CENTER) {
                px = (w - rw) / 2;
                py = (h - rh) / 2;
            }
        }
        float[] t = new float[3 * w * h];
        fillPadding(t, w * h);
        resizeInto(bgrBytes(src), ow, oh, t, w, h, px, py, rw, rh, (double) rw / ow, (double) rh / oh);
        return new PreparedImage(t, w, h, sx, sy, px, py, ow, oh);
    }

    /** The image's pixels as interleaved BGR bytes, converting only when it is stored otherwise. */
    static byte[] bgrBytes(BufferedImage src) {
        BufferedImage bgr = src;
        if (src.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(src, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }

    private void fillPadding(float[] t, int plane) {
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(t, plane(c) * plane, (plane(c) + 1) * plane, d.padValue() * mul[c] + add[c]);
        }
    }

    /** Tensor plane of BGR channel c (0 = B, 1 = G, 2 = R) in the model's colour order. */
    private int plane(int c) {
        return d.colorOrder() == ModelDescriptor.ColorOrder.BGR ? c : 2 - c;
    }

    /** Fixed-point bilinear weights: 11 bits each, so a weighted pair fits an int exactly. */
    private static final int ONE = 1 << 11;

    private void resizeInto(byte[] src, int ow, int oh, float[] t, int w, int h, int px, int py, int rw, int rh,
                            double fx, double fy) {
        int[] x0 = new int[rw];
        int[] x1 = new int[rw];
        int[] ax = new int[rw];
        for (int x = 0; x < rw; x++) {
            double s = Math.min(ow - 1, Math.max(0, (x + 0.5) / fx - 0.5));
            int i = (int) s;
            x0[x] = i * 3;
            x1[x] = Math.min(ow - 1, i + 1) * 3;
            ax[x] = (int) Math.round((s - i) * ONE);
        }
        int plane = w * h;
        int p0 = plane(0) * plane;
        int p1 = plane(1) * plane;
        int p2 = plane(2) * plane;
        float norm = 1f / ((float) ONE * ONE);
        float m0 = mul[0] * norm;
        float m1 = mul[1] * norm;
        float m2 = mul[2] * norm;
        for (int y = 0; y < rh; y++) {
            double s = Math.min(oh - 1, Math.max(0, (y + 0.5) / fy - 0.5));
            int y0 = (int) s;
            int wy = (int) Math.round((s - y0) * ONE);
            int r0 = y0 * ow * 3;
            int r1 = Math.min(oh - 1, y0 + 1) * ow * 3;
            int o = (py + y) * w + px;
            for (int x = 0; x < rw; x++, o++) {
                int a = r0 + x0[x];
                int b = r0 + x1[x];
                int c = r1 + x0[x];
                int e = r1 + x1[x];
                int wx = ax[x];
                t[p0 + o] = lerp(src, a, b, c, e, wx, wy) * m0 + add[0];
                t[p1 + o] = lerp(src, a + 1, b + 1, c + 1, e + 1, wx, wy) * m1 + add[1];
                t[p2 + o] = lerp(src, a + 2, b + 2, c + 2, e + 2, wx, wy) * m2 + add[2];
            }
        }
    }

    /** Bilinear mix of four bytes, scaled by ONE². */
    private static int lerp(byte[] src, int a, int b, int c, int e, int wx, int wy) {
        int top = (src[a] & 0xFF) * (ONE - wx) + (src[b] & 0xFF) * wx;
        int bottom = (src[c] & 0xFF) * (ONE - wx) + (src[e] & 0xFF) * wx;
        return top * (ONE - wy) + bottom * wy;
    }
}
