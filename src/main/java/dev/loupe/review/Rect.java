package dev.loupe.review;

/** A rectangle in image pixels (x, y = top-left); width and height may be negative while a drag is under way. */
public record Rect(double x, double y, double w, double h) {

    /** The same rectangle with positive width and height. */
    public Rect normalized() {
        return new Rect(Math.min(x, x + w), Math.min(y, y + h), Math.abs(w), Math.abs(h));
    }

    public Rect moved(double dx, double dy) {
        return new Rect(x + dx, y + dy, w, h);
    }

    /** Kept inside an image of the given size (moved back in if it can be, cut otherwise). */
    public Rect clampedTo(double width, double height) {
        Rect r = normalized();
        double nw = Math.min(r.w, width);
        double nh = Math.min(r.h, height);
        double nx = Math.max(0, Math.min(r.x, width - nw));
        double ny = Math.max(0, Math.min(r.y, height - nh));
        return new Rect(nx, ny, nw, nh);
    }

    /** The part inside an image of the given size (for drawing and resizing past an edge). */
    public Rect clippedTo(double width, double height) {
        Rect r = normalized();
        double x1 = Math.max(0, r.x);
        double y1 = Math.max(0, r.y);
        double x2 = Math.min(width, r.x + r.w);
        double y2 = Math.min(height, r.y + r.h);
        return new Rect(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
    }

}
