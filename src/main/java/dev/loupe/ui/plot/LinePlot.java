package dev.loupe.ui.plot;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/** Series of (x, y) points joined by lines, with a legend: training loss and AP per epoch, for example. */
public final class LinePlot extends PlotCanvas {

    /** One named series in one colour; NaN values leave a gap. */
    public record Series(String name, Color color, List<double[]> points) {
    }

    private static final Font LEGEND_FONT = Font.font(11);
    private final List<Series> series = new ArrayList<>();
    /** The longest series name's width, measured once per set of series rather than at every redraw. */
    private double legendWidth;

    public void setSeries(List<Series> all) {
        series.clear();
        series.addAll(all);
        legendWidth = 0;
        for (Series s : series) {
            Text t = new Text(s.name());
            t.setFont(LEGEND_FONT);
            legendWidth = Math.max(legendWidth, t.getLayoutBounds().getWidth());
        }
        fit();
        redraw();
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /** From zero to a little past the largest values, whatever their scale (epochs or minutes). */
    private void fit() {
        xMin = 0;
        xMax = 1e-9;
        yMin = 0;
        yMax = 1e-9;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (!Double.isNaN(p[1])) {
                    xMax = Math.max(xMax, p[0]);
                    yMax = Math.max(yMax, p[1]);
                }
            }
        }
        yMax *= 1.1;
        xMax = xMax <= 1e-9 ? 1 : xMax * 1.05;
    }

    @Override
    void drawMarks(GraphicsContext g) {
        g.setLineWidth(2);
        for (Series s : series) {
            g.setStroke(s.color());
            g.setFill(s.color());
            double[] last = null;
            for (double[] p : s.points()) {
                if (Double.isNaN(p[1])) {
                    last = null;
                    continue;
                }
                double x = screenX(p[0]);
                double y = screenY(p[1]);
                if (last != null) {
                    g.strokeLine(last[0], last[1], x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                last = new double[]{x, y};
            }
        }
        g.setFont(LEGEND_FONT);
        double left = getWidth() - legendWidth - 30;
        double y = 22;
        for (Series s : series) {
            g.setFill(s.color());
            g.fillRect(left, y - 8, 10, 10);
            g.setFill(Color.web("#1f2937"));
            g.fillText(s.name(), left + 16, y + 1);
            y += 16;
        }
    }
}
