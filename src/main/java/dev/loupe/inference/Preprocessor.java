package dev.loupe.inference;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Resizes a decoded image into a model's input tensor as its descriptor says (letterbox or stretch, colour
 * order, scale, mean, std). Java2D does the bilinear resize into a BGR byte raster, read directly: no
 * per-pixel getRGB.
 */
public final class Preprocessor {
    private final ModelDescriptor d;
    private final float[][] lut = new float[3][256];

    public Preprocessor(ModelDescriptor descriptor) {
        this.d = descriptor;
        double[] mean = d.mean();
        double[] std = d.std();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = (float) ((v * d.scale() - mean[c]) / std[c]);
            }
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
            rw = Math.max(1, (int) (ow * r));
            rh = Math.max(1, (int) (oh * r));
            sx = r;
            sy = r;
            if (d.resize() == ModelDescriptor.ResizeRule.LETTERBOX_CENTER) {
                px = (w - rw) / 2;
                py = (h - rh) / 2;
            }
        }
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(new Color(d.padValue(), d.padValue(), d.padValue()));
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, px, py, rw, rh, null);
        } finally {
            g.dispose();
        }
        return new PreparedImage(toTensor(((DataBufferByte) canvas.getRaster().getDataBuffer()).getData(), w, h),
                w, h, sx, sy, px, py, ow, oh);
    }

    /** Interleaved BGR bytes to planar floats in the model's channel order. */
    private float[] toTensor(byte[] bgr, int w, int h) {
        int plane = w * h;
        float[] t = new float[3 * plane];
        boolean rgb = d.colorOrder() == ModelDescriptor.ColorOrder.RGB;
        int c0 = rgb ? 2 * plane : 0;
        int c2 = rgb ? 0 : 2 * plane;
        float[] l0 = lut[rgb ? 2 : 0];
        float[] l1 = lut[1];
        float[] l2 = lut[rgb ? 0 : 2];
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            t[c0 + i] = l0[bgr[j] & 0xFF];
            t[plane + i] = l1[bgr[j + 1] & 0xFF];
            t[c2 + i] = l2[bgr[j + 2] & 0xFF];
        }
        return t;
    }
}
