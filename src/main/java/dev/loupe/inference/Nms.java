package dev.loupe.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Class-aware non-maximum suppression over candidates in any coordinate frame. */
public final class Nms {

    private Nms() {
    }

    /** Keeps, per class, the best-scoring boxes that overlap no kept box by more than {@code iouThreshold}. */
    public static List<Detection> classAware(List<Detection> candidates, double iouThreshold, int maxDetections) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection c : sorted) {
            boolean keep = true;
            for (Detection k : kept) {
                if (k.classIndex() == c.classIndex() && iou(k, c) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(c);
                if (kept.size() == maxDetections) {
                    break;
                }
            }
        }
        return kept;
    }

    public static double iou(Detection a, Detection b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double union = a.w() * a.h() + b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
