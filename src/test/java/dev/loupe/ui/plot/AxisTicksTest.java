package dev.loupe.ui.plot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Axis ticks fall on round values with labels of just the needed precision. */
class AxisTicksTest {

    private static String labels(AxisTicks t) {
        return String.join(" ", Arrays.stream(t.values()).mapToObj(t::label).toList());
    }

    @Test
    void ticksFallOnRoundSteps() {
        assertEquals("0 1 2 3 4", labels(AxisTicks.over(0, 4.871, false)));
        assertEquals("-2 0 2 4 6", labels(AxisTicks.over(-3.2, 7.9, false)));
        assertEquals("0.000 0.002 0.004 0.006 0.008 0.010 0.012", labels(AxisTicks.over(0, 0.0123, false)));
        assertEquals("0.5 1.0 1.5 2.0", labels(AxisTicks.over(0.4, 2.2, false)));
        assertEquals("0 50000 100000 150000", labels(AxisTicks.over(-1, 160000, false)));
    }

    @Test
    void wholeNumberAxesTickOnlyWholeNumbers() {
        assertEquals("0 1 2", labels(AxisTicks.over(0, 2.5, true)));
        assertEquals("0 20 40 60 80", labels(AxisTicks.over(0, 80.5, true)));
        assertArrayEquals(new double[]{3}, AxisTicks.over(3, 3, true).values());
    }
}
