package dev.loupe.ui.explore;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Points of two series; the selected ones in the accent colour. Draws 100k+ points as small squares. */
public final class ScatterPlot extends PlotCanvas {
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private boolean[] selected = new boolean[0];

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
            xMin = Math.min(xMin, xs[i]);
            xMax = Math.max(xMax, xs[i]);
            yMin = Math.min(yMin, ys[i]);
            yMax = Math.max(yMax, ys[i]);
        }
        if (xs.length == 0) {
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

    @Override
    void drawMarks(GraphicsContext g) {
        double size = xs.length > 20_000 ? 1.5 : 3;
        g.setFill(Color.web("#6b7280aa"));
        for (int i = 0; i < xs.length; i++) {
            if (!selected[i]) {
                g.fillRect(screenX(xs[i]) - size / 2, screenY(ys[i]) - size / 2, size, size);
            }
        }
        g.setFill(Color.web("#2f6fde"));
        for (int i = 0; i < xs.length; i++) {
            if (selected[i]) {
                g.fillRect(screenX(xs[i]) - size, screenY(ys[i]) - size, 2 * size, 2 * size);
            }
        }
    }
}
