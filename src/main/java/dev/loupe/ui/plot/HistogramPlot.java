package dev.loupe.ui.plot;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Counts of one series in equal bins over its range (from zero for non-negative data, so a 0–10% bin shows). */
public final class HistogramPlot extends PlotCanvas {
    private int[] counts = new int[0];
    private double binWidth = 1;
    private double start;

    public void setData(double[] values, int bins) {
        double max = 0;
        double min = 0;
        for (double v : values) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        start = min;
        binWidth = Math.max(1e-12, (max - min) / bins);
        counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - min) / binWidth))]++;
        }
        int top = 1;
        for (int c : counts) {
            top = Math.max(top, c);
        }
        xMin = min;
        xMax = min + binWidth * bins;
        yMin = 0;
        yMax = Math.ceil(top * 1.05 / 4) * 4; // the axis' four ticks fall on whole counts
        redraw();
    }

    public int[] counts() {
        return counts.clone();
    }

    @Override
    void drawMarks(GraphicsContext g) {
        g.setFill(Color.web("#2f6fde"));
        g.setStroke(Color.WHITE);
        for (int i = 0; i < counts.length; i++) {
            double x0 = screenX(start + i * binWidth);
            double x1 = screenX(start + (i + 1) * binWidth);
            double y = screenY(counts[i]);
            g.fillRect(x0, y, x1 - x0, screenY(0) - y);
            g.strokeRect(x0, y, x1 - x0, screenY(0) - y);
        }
    }
}
