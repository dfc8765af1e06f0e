package dev.loupe.ui.explore;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.function.Consumer;

/**
 * A plot drawn on one Canvas with data-space axes, wheel zoom around the cursor, right-drag pan and
 * left-drag rectangle selection. Subclasses draw their marks; selection reports a data-space rectangle.
 */
public abstract class PlotCanvas extends Region {
    static final double MARGIN = 44;

    final Canvas canvas = new Canvas();
    double xMin;
    double xMax = 1;
    double yMin;
    double yMax = 1;
    private double pressX;
    private double pressY;
    private double dragX = -1;
    private double dragY;
    private double[] pressRange;
    private boolean panning;
    private Consumer<double[]> onSelect = r -> { };
    private String xLabel = "";
    private String yLabel = "";

    PlotCanvas() {
        getChildren().add(canvas);
        getStyleClass().add("plot");
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnScroll(e -> {
            double f = Math.exp(-e.getDeltaY() * 0.002);
            double cx = dataX(e.getX());
            double cy = dataY(e.getY());
            xMin = cx - (cx - xMin) * f;
            xMax = cx + (xMax - cx) * f;
            yMin = cy - (cy - yMin) * f;
            yMax = cy + (yMax - cy) * f;
            redraw();
        });
    }

    void setAxisLabels(String x, String y) {
        xLabel = x;
        yLabel = y;
    }

    /** Called with {x0, y0, x1, y1} in data units when the user draws a selection rectangle. */
    void setOnSelect(Consumer<double[]> action) {
        onSelect = action;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    double screenX(double x) {
        return MARGIN + (x - xMin) / (xMax - xMin) * (getWidth() - MARGIN - 10);
    }

    double screenY(double y) {
        return getHeight() - MARGIN - (y - yMin) / (yMax - yMin) * (getHeight() - MARGIN - 10);
    }

    double dataX(double sx) {
        return xMin + (sx - MARGIN) / (getWidth() - MARGIN - 10) * (xMax - xMin);
    }

    double dataY(double sy) {
        return yMin + (getHeight() - MARGIN - sy) / (getHeight() - MARGIN - 10) * (yMax - yMin);
    }

    /** Redraws axes and marks; returns the time it took in nanoseconds (for the benchmark). */
    public long redraw() {
        long t = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (getWidth() <= MARGIN || getHeight() <= MARGIN) {
            return 0;
        }
        g.save();
        g.beginPath();
        g.rect(MARGIN, 10, getWidth() - MARGIN - 10, getHeight() - MARGIN - 10);
        g.clip();
        drawMarks(g);
        g.restore();
        drawAxes(g);
        if (dragX >= 0 && !panning) {
            g.setStroke(Color.web("#2f6fde"));
            g.setFill(Color.web("#2f6fde22"));
            double x = Math.min(pressX, dragX);
            double y = Math.min(pressY, dragY);
            g.fillRect(x, y, Math.abs(dragX - pressX), Math.abs(dragY - pressY));
            g.strokeRect(x, y, Math.abs(dragX - pressX), Math.abs(dragY - pressY));
        }
        return System.nanoTime() - t;
    }

    abstract void drawMarks(GraphicsContext g);

    private void drawAxes(GraphicsContext g) {
        g.setStroke(Color.web("#9aa1ab"));
        g.setLineWidth(1);
        g.strokeLine(MARGIN, getHeight() - MARGIN, getWidth() - 10, getHeight() - MARGIN);
        g.strokeLine(MARGIN, 10, MARGIN, getHeight() - MARGIN);
        g.setFill(Color.web("#4b5563"));
        g.setFont(Font.font(10));
        for (int i = 0; i <= 4; i++) {
            double vx = xMin + (xMax - xMin) * i / 4;
            double vy = yMin + (yMax - yMin) * i / 4;
            g.fillText(format(vx), screenX(vx) - 12, getHeight() - MARGIN + 14);
            g.fillText(format(vy), 2, screenY(vy) + 3);
        }
        g.setFont(Font.font(11));
        g.fillText(xLabel, getWidth() / 2 - xLabel.length() * 3, getHeight() - 8);
        g.fillText(yLabel, MARGIN + 4, 22);
    }

    static String format(double v) {
        double a = Math.abs(v);
        return a >= 1000 ? String.format("%.0f", v) : a >= 10 ? String.format("%.1f", v) : String.format("%.3f", v);
    }

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        panning = e.getButton() != MouseButton.PRIMARY;
        pressRange = new double[]{xMin, xMax, yMin, yMax};
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            double dx = (e.getX() - pressX) / (getWidth() - MARGIN - 10) * (pressRange[1] - pressRange[0]);
            double dy = (e.getY() - pressY) / (getHeight() - MARGIN - 10) * (pressRange[3] - pressRange[2]);
            xMin = pressRange[0] - dx;
            xMax = pressRange[1] - dx;
            yMin = pressRange[2] + dy;
            yMax = pressRange[3] + dy;
        } else {
            dragX = e.getX();
            dragY = e.getY();
        }
        redraw();
    }

    private void released(MouseEvent e) {
        if (!panning && dragX >= 0 && Math.abs(dragX - pressX) > 3 && Math.abs(dragY - pressY) > 3) {
            onSelect.accept(new double[]{Math.min(dataX(pressX), dataX(dragX)), Math.min(dataY(pressY), dataY(dragY)),
                    Math.max(dataX(pressX), dataX(dragX)), Math.max(dataY(pressY), dataY(dragY))});
        }
        dragX = -1;
        redraw();
    }
}
