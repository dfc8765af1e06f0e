package dev.loupe.ui.plot;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.function.Consumer;

/**
 * A plot drawn on one Canvas with data-space axes, wheel zoom around the cursor, right-drag pan,
 * left-drag rectangle selection, shift + left-drag lasso selection and click. Subclasses draw their marks;
 * a selection is reported as a data-space region.
 */
public abstract class PlotCanvas extends Region {
    public static final double MARGIN = 44;

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
    private final java.util.List<double[]> lasso = new java.util.ArrayList<>();
    private Consumer<PlotRegion> onSelect = r -> { };
    private java.util.function.BiConsumer<Double, Double> onClick = (x, y) -> { };
    private String xLabel = "";
    private String yLabel = "";
    private boolean wholeNumberX;

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

    public void setAxisLabels(String x, String y) {
        xLabel = x;
        yLabel = y;
    }

    /** Ticks on the x axis at whole numbers only (epochs, counts). */
    public void setWholeNumberX(boolean whole) {
        wholeNumberX = whole;
    }

    /** Called with the region, in data units, when the user draws a selection rectangle or lasso. */
    public void setOnSelect(Consumer<PlotRegion> action) {
        onSelect = action;
    }

    /** Called with the screen position of a left click that did not drag. */
    public void setOnClick(java.util.function.BiConsumer<Double, Double> action) {
        onClick = action;
    }

    /** Writes what the plot shows as a PNG file. */
    public void writePng(java.nio.file.Path file) throws java.io.IOException {
        javafx.scene.image.WritableImage shot = canvas.snapshot(null, null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            shot.getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        if (!javax.imageio.ImageIO.write(out, "png", file.toFile())) {
            throw new java.io.IOException(file + ": no PNG writer available");
        }
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    public double screenX(double x) {
        return MARGIN + (x - xMin) / (xMax - xMin) * (getWidth() - MARGIN - 10);
    }

    public double screenY(double y) {
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
        AxisTicks xTicks = AxisTicks.over(xMin, xMax, wholeNumberX);
        AxisTicks yTicks = AxisTicks.over(yMin, yMax, false);
        g.save();
        g.beginPath();
        g.rect(MARGIN, 10, getWidth() - MARGIN - 10, getHeight() - MARGIN - 10);
        g.clip();
        drawGrid(g, xTicks, yTicks);
        drawMarks(g);
        g.restore();
        drawAxes(g, xTicks, yTicks);
        if (!lasso.isEmpty()) {
            g.setStroke(Color.web("#2f6fde"));
            g.setFill(Color.web("#2f6fde22"));
            g.beginPath();
            g.moveTo(lasso.get(0)[0], lasso.get(0)[1]);
            for (double[] p : lasso) {
                g.lineTo(p[0], p[1]);
            }
            g.closePath();
            g.fill();
            g.stroke();
        } else if (dragX >= 0 && !panning) {
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

    private void drawGrid(GraphicsContext g, AxisTicks xTicks, AxisTicks yTicks) {
        g.setStroke(Color.web("#eceff3"));
        g.setLineWidth(1);
        for (double v : xTicks.values()) {
            double x = Math.round(screenX(v)) + 0.5;
            g.strokeLine(x, 10, x, getHeight() - MARGIN);
        }
        for (double v : yTicks.values()) {
            double y = Math.round(screenY(v)) + 0.5;
            g.strokeLine(MARGIN, y, getWidth() - 10, y);
        }
    }

    private void drawAxes(GraphicsContext g, AxisTicks xTicks, AxisTicks yTicks) {
        g.setStroke(Color.web("#9aa1ab"));
        g.setLineWidth(1);
        g.strokeLine(MARGIN, getHeight() - MARGIN, getWidth() - 10, getHeight() - MARGIN);
        g.strokeLine(MARGIN, 10, MARGIN, getHeight() - MARGIN);
        g.setFill(Color.web("#4b5563"));
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.CENTER);
        for (double v : xTicks.values()) {
            g.fillText(xTicks.label(v), screenX(v), getHeight() - MARGIN + 14);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v : yTicks.values()) {
            g.fillText(yTicks.label(v), MARGIN - 4, screenY(v) + 3);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(11));
        g.fillText(xLabel, getWidth() / 2 - xLabel.length() * 3, getHeight() - 8);
        g.fillText(yLabel, MARGIN + 4, 22);
    }

    public static String format(double v) {
        double a = Math.abs(v);
        return a >= 1000 ? String.format("%.0f", v) : a >= 10 ? String.format("%.1f", v) : String.format("%.3f", v);
    }

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        panning = e.getButton() != MouseButton.PRIMARY;
        pressRange = new double[]{xMin, xMax, yMin, yMax};
        lasso.clear();
        if (!panning && e.isShiftDown()) {
            lasso.add(new double[]{pressX, pressY});
        }
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            double dx = (e.getX() - pressX) / (getWidth() - MARGIN - 10) * (pressRange[1] - pressRange[0]);
            double dy = (e.getY() - pressY) / (getHeight() - MARGIN - 10) * (pressRange[3] - pressRange[2]);
            xMin = pressRange[0] - dx;
            xMax = pressRange[1] - dx;
            yMin = pressRange[2] + dy;
            yMax = pressRange[3] + dy;
        } else if (!lasso.isEmpty()) {
            lasso.add(new double[]{e.getX(), e.getY()});
        } else {
            dragX = e.getX();
            dragY = e.getY();
        }
        redraw();
    }

    private void released(MouseEvent e) {
        boolean moved = Math.abs(e.getX() - pressX) > 3 || Math.abs(e.getY() - pressY) > 3;
        if (!panning && lasso.size() > 2 && moved) {
            double[] xs = lasso.stream().mapToDouble(p -> dataX(p[0])).toArray();
            double[] ys = lasso.stream().mapToDouble(p -> dataY(p[1])).toArray();
            onSelect.accept(new PlotRegion(xs, ys));
        } else if (!panning && dragX >= 0 && Math.abs(dragX - pressX) > 3 && Math.abs(dragY - pressY) > 3) {
            onSelect.accept(PlotRegion.rectangle(dataX(pressX), dataY(pressY), dataX(dragX), dataY(dragY)));
        } else if (!panning && !moved) {
            onClick.accept(e.getX(), e.getY());
        }
        dragX = -1;
        lasso.clear();
        redraw();
    }
}
