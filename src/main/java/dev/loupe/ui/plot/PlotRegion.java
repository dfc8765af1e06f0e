package dev.loupe.ui.plot;

/** A selection drawn on a plot, in data units: a polygon (a rectangle is its four corners). */
public record PlotRegion(double[] xs, double[] ys) {

    public static PlotRegion rectangle(double x0, double y0, double x1, double y1) {
        return new PlotRegion(new double[]{x0, x1, x1, x0}, new double[]{y0, y0, y1, y1});
    }

    /** Even-odd ray casting; NaN coordinates are never inside. */
    public boolean contains(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return false;
        }
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside || onRectangleEdge(x, y);
    }

    /** Points exactly on an axis-aligned rectangle's border count as inside, as a user dragging to them expects. */
    private boolean onRectangleEdge(double x, double y) {
        return xs.length == 4 && xs[0] == xs[3] && xs[1] == xs[2] && ys[0] == ys[1] && ys[2] == ys[3]
                && x >= Math.min(xs[0], xs[1]) && x <= Math.max(xs[0], xs[1])
                && y >= Math.min(ys[0], ys[2]) && y <= Math.max(ys[0], ys[2]);
    }
}
