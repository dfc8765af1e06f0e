package dev.loupe.eval;

/** COCO's object size ranges, by object area in square pixels ({@link EvalBox#sizeArea()}). */
public enum AreaRange {
    ALL(0, 1e10), SMALL(0, 32 * 32), MEDIUM(32 * 32, 96 * 96), LARGE(96 * 96, 1e10);

    final double min;
    final double max;

    AreaRange(double min, double max) {
        this.min = min;
        this.max = max;
    }

    boolean excludes(double area) {
        return area < min || area > max;
    }
}
