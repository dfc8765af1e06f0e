package dev.loupe.ui.plot;

/**
 * Where an axis puts its labelled ticks: at the round step (1, 2 or 5 times a power of ten) nearest a quarter of
 * the visible range, so about three to seven ticks, or at whole numbers only (epochs, counts).
 */
record AxisTicks(double[] values, double step) {

    static AxisTicks over(double min, double max, boolean wholeNumbers) {
        double span = max - min;
        if (!(span > 0) || !Double.isFinite(span)) {
            return new AxisTicks(new double[]{min}, 1);
        }
        double raw = span / 4;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double ratio = raw / power;
        double step = (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10) * power;
        if (wholeNumbers) {
            step = Math.max(1, Math.round(step));
        }
        double first = Math.ceil(min / step) * step;
        int n = (int) Math.floor((max - first) / step + 1e-9) + 1;
        double[] values = new double[Math.max(0, n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = first + i * step;
        }
        return new AxisTicks(values, step);
    }

    /** A tick's label with as many decimals as the step needs, and no "-0". */
    String label(double v) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format("%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
