package dev.loupe.formats;

/** A box as written to a file: its class name (after any mapping) and pixel geometry. Score NaN when none. */
public record ExportBox(String label, double x, double y, double w, double h, double score, boolean crowd) {

    public boolean hasScore() {
        return !Double.isNaN(score);
    }
}
