package dev.loupe.review;

/** The eight resize handles of a box, by compass point; each moves the edges it names. */
public enum Handle {
    N(0, -1), NE(1, -1), E(1, 0), SE(1, 1), S(0, 1), SW(-1, 1), W(-1, 0), NW(-1, -1);

    private final int dx;
    private final int dy;

    Handle(int dx, int dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /** Where this handle sits on a rectangle. */
    public double x(Rect r) {
        return r.x() + r.w() * (dx + 1) / 2.0;
    }

    public double y(Rect r) {
        return r.y() + r.h() * (dy + 1) / 2.0;
    }

    /** The rectangle after dragging this handle by (ddx, ddy) image pixels. */
    public Rect drag(Rect r, double ddx, double ddy) {
        double x1 = r.x();
        double y1 = r.y();
        double x2 = r.x() + r.w();
        double y2 = r.y() + r.h();
        if (dx < 0) {
            x1 += ddx;
        } else if (dx > 0) {
            x2 += ddx;
        }
        if (dy < 0) {
            y1 += ddy;
        } else if (dy > 0) {
            y2 += ddy;
        }
        return new Rect(x1, y1, x2 - x1, y2 - y1).normalized();
    }
}
