package dev.loupe.video;

import dev.loupe.core.KeyBox;

import java.util.ArrayList;
import java.util.List;

/**
 * Key frames from a box on every frame: as few as keep the interpolation within a tolerance (the largest corner error,
 * in pixels), found by splitting each stretch at its worst frame until none is off by more (Douglas-Peucker). A
 * stretch of missing frames longer than {@code maxGap} ends the track there (an outside key frame) rather than being
 * interpolated over.
 */
public final class KeyFrames {
    private KeyFrames() {
    }

    /** The key frames for {@code boxes} (one per frame shown, ascending frames, none outside). */
    public static List<KeyBox> reduce(List<KeyBox> boxes, double tolerancePx, int maxGap) {
        List<KeyBox> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= boxes.size(); i++) {
            boolean cut = i == boxes.size() || boxes.get(i).frame() - boxes.get(i - 1).frame() > maxGap + 1;
            if (cut) {
                List<KeyBox> run = boxes.subList(start, i);
                if (run.size() > 1) {
                    keep(run, 0, run.size() - 1, tolerancePx, out);
                }
                out.add(run.get(run.size() - 1));
                if (i < boxes.size()) {
                    out.add(KeyBox.gone(run.get(run.size() - 1).frame() + 1));
                }
                start = i;
            }
        }
        return out;
    }

    /** Adds the key frames of run[a, b) to {@code out} (b itself is added by the caller). */
    private static void keep(List<KeyBox> run, int a, int b, double tolerance, List<KeyBox> out) {
        int worst = -1;
        double worstError = tolerance + 1e-6;
        KeyBox ka = run.get(a);
        KeyBox kb = run.get(b);
        for (int i = a + 1; i < b; i++) {
            KeyBox k = run.get(i);
            double t = (double) (k.frame() - ka.frame()) / (kb.frame() - ka.frame());
            double error = Math.max(Math.max(Math.abs(k.x() - lerp(ka.x(), kb.x(), t)),
                            Math.abs(k.y() - lerp(ka.y(), kb.y(), t))),
                    Math.max(Math.abs(k.x() + k.w() - lerp(ka.x() + ka.w(), kb.x() + kb.w(), t)),
                            Math.abs(k.y() + k.h() - lerp(ka.y() + ka.h(), kb.y() + kb.h(), t))));
            if (error > worstError) {
                worstError = error;
                worst = i;
            }
        }
        if (worst < 0) {
            out.add(ka);
            return;
        }
        keep(run, a, worst, tolerance, out);
        keep(run, worst, b, tolerance, out);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
