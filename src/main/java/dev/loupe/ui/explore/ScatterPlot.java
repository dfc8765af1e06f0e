package dev.loupe.ui.explore;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Points of two series; the selected ones in the accent colour. Draws 100k+ points as small squares. */
public final class ScatterPlot extends PlotCanvas {
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private boolean[] selected = new boolean[0];
    private int[] pixels;
    private WritableImage image;

    public void setData(double[] x, double[] y) {
        xs = x;
        ys = y;
        selected = new boolean[x.length];
        fitRange();
        redraw();
    }

    void setSelected(boolean[] marks) {
        selected = marks;
        redraw();
    }

    private void fitRange() {
        xMin = Double.MAX_VALUE;
        xMax = -Double.MAX_VALUE;
        yMin = Double.MAX_VALUE;
        yMax = -Double.MAX_VALUE;
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                continue;
            }
            xMin = Math.min(xMin, xs[i]);
            xMax = Math.max(xMax, xs[i]);
            yMin = Math.min(yMin, ys[i]);
            yMax = Math.max(yMax, ys[i]);
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        double px = Math.max(1e-9, (xMax - xMin) * 0.04);
        double py = Math.max(1e-9, (yMax - yMin) * 0.04);
        xMin -= px;
        xMax += px;
        yMin -= py;
        yMax += py;
    }

    /**
     * Points are rasterised into a pixel buffer here and drawn as one image: a canvas command per point stalls
     * the renderer at a million points, a buffer costs a few milliseconds.
     */
    @Override
    void drawMarks(GraphicsContext g) {
        int w = (int) Math.ceil(getWidth());
        int h = (int) Math.ceil(getHeight());
        if (w <= 0 || h <= 0) {
            return;
        }
        if (pixels == null || pixels.length != w * h) {
            pixels = new int[w * h];
            image = new WritableImage(w, h);
        }
        java.util.Arrays.fill(pixels, 0);
        int half = xs.length > 20_000 ? 0 : 1;
        for (int pass = 0; pass < 2; pass++) {
            int color = pass == 0 ? 0xAA6B7280 : 0xFF2F6FDE;
            int r = pass == 0 ? half : half + 1;
            for (int i = 0; i < xs.length; i++) {
                if (selected[i] != (pass == 1) || Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                    continue;
                }
                int px = (int) screenX(xs[i]);
                int py = (int) screenY(ys[i]);
                for (int dy = -r; dy <= r; dy++) {
                    int yy = py + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = px + dx;
                        if (xx >= 0 && xx < w) {
                            pixels[yy * w + xx] = color;
                        }
                    }
                }
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        g.drawImage(image, 0, 0);
    }
}
