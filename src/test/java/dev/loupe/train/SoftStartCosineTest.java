package dev.loupe.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learning rate rises from min to max over the soft start, then anneals back to min along a cosine. */
class SoftStartCosineTest {

    @Test
    void risesThroughTheSoftStartPeaksAndAnnealsToTheMinimum() {
        SoftStartCosine lr = new SoftStartCosine(1e-7, 1e-4, 0.3, 1000);
        assertEquals(1e-7, lr.getNewValue(1), 1e-9);
        assertEquals(1e-4, lr.getNewValue(301), 1e-9, "the peak at the end of the soft start");
        assertEquals((1e-7 + 1e-4) / 2, lr.getNewValue(151), 1e-7, "half way up");
        assertEquals((1e-7 + 1e-4) / 2, lr.getNewValue(651), 1e-7, "half way down");
        assertEquals(1e-7, lr.getNewValue(1001), 1e-9);
        float last = 0;
        for (int step = 1; step <= 301; step++) {
            assertTrue(lr.getNewValue(step) >= last);
            last = lr.getNewValue(step);
        }
        for (int step = 302; step <= 1001; step++) {
            assertTrue(lr.getNewValue(step) <= last);
            last = lr.getNewValue(step);
        }
    }

    @Test
    void simOtaGivesABoxTheAnchorsThatPredictItAndNoneToEmptyImages() {
        Anchors a = new Anchors(64, 64); // 8x8 + 4x4 + 2x2 anchors
        float[] out = new float[a.size() * 85];
        // every anchor predicts a 16x16 box on its own cell, weakly; the anchor at (2, 2) of stride 8 predicts
        // the true box exactly and confidently
        for (int i = 0; i < a.size(); i++) {
            out[i * 85 + 2] = (float) Math.log(16 / a.stride[i]);
            out[i * 85 + 3] = (float) Math.log(16 / a.stride[i]);
            out[i * 85 + 4] = 0.1f;
            out[i * 85 + 5] = 0.1f;
        }
        int best = 2 * 8 + 2;
        out[best * 85] = 0.5f;
        out[best * 85 + 1] = 0.5f;
        out[best * 85 + 4] = 0.9f;
        out[best * 85 + 5] = 0.9f;
        TargetBox box = new TargetBox(12, 12, 28, 28, 0);
        SimOtaAssigner.Assignment as = SimOtaAssigner.assign(out, 85, a, List.of(box));
        assertEquals(0, as.box()[best], "the anchor that predicts the box exactly is assigned to it");
        assertEquals(1.0, as.iou()[best], 1e-6);
        assertTrue(as.foreground() >= 1 && as.foreground() <= 10);
        for (int i = 0; i < a.size(); i++) {
            if (as.box()[i] == 0) {
                double ax = (a.gx[i] + 0.5) * a.stride[i];
                double ay = (a.gy[i] + 0.5) * a.stride[i];
                assertTrue(Math.abs(ax - 20) < 2.5 * a.stride[i] && Math.abs(ay - 20) < 2.5 * a.stride[i],
                        "assigned anchors are near the box centre");
            }
        }
        assertEquals(0, SimOtaAssigner.assign(out, 85, a, List.of()).foreground());
    }
}
