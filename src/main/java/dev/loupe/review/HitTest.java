package dev.loupe.review;

import dev.loupe.core.Box;

import java.util.List;

/** Which box or handle is under a point, in plain Java so the canvas stays a renderer. */
public final class HitTest {

    private HitTest() {
    }

    /** The smallest box containing the point (small boxes sit on top of large ones), or null. */
    public static Box boxAt(List<Box> boxes, double x, double y) {
        Box best = null;
        for (Box b : boxes) {
            if (x >= b.x() && x <= b.x() + b.w() && y >= b.y() && y <= b.y() + b.h()
                    && (best == null || b.w() * b.h() < best.w() * best.h())) {
                best = b;
            }
        }
        return best;
    }

    /** The handle of {@code r} within {@code tolerance} image pixels of the point, or null. */
    public static Handle handleAt(Rect r, double x, double y, double tolerance) {
        for (Handle h : Handle.values()) {
            if (Math.abs(h.x(r) - x) <= tolerance && Math.abs(h.y(r) - y) <= tolerance) {
                return h;
            }
        }
        return null;
    }
}
