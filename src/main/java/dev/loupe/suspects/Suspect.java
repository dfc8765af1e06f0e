package dev.loupe.suspects;

/**
 * A likely mistake: where (pixels: the labelled box, or the model's box for a missing one), which label, how sure
 * (higher first), the labelled box it is about (0 for a missing box) and the model's box that backs the suspicion
 * (null for a false box: the model sees nothing there).
 */
public record Suspect(long imageId, SuspectKind kind, double x, double y, double w, double h, String label,
                      double score, long boxId, Prediction model) {

    /** Why it looks wrong, in a few words: "wrong label? the model sees a bus (0.95)". */
    public String why() {
        return switch (kind) {
            case MISSING_BOX -> String.format("missing box? the model sees a %s (%.2f)", model.label(), model.score());
            case FALSE_BOX -> "false box? the model sees nothing near this " + label;
            case WRONG_LABEL -> String.format("wrong label? the model sees a %s (%.2f)", model.label(), model.score());
            case POOR_FIT -> String.format("poor fit? the model's %s is outlined", model.label());
            case DUPLICATE -> "duplicate? a second " + label + " on one object";
        };
    }

    /** A model's box: its label, its score and where it is, in pixels. */
    public record Prediction(String label, double score, double x, double y, double w, double h) {
    }
}
