package dev.loupe.suspects;

/** Why a box, or a place without one, looks wrong next to a model's predictions. */
public enum SuspectKind {
    /** A confident prediction where no box is labelled: an object probably missed. */
    MISSING_BOX,
    /** A labelled box no prediction comes near while the model is confident elsewhere in the image. */
    FALSE_BOX,
    /** A box and a prediction on one object with different labels. */
    WRONG_LABEL,
    /** A box and its prediction overlap too little to be a good fit. */
    POOR_FIT,
    /** Two labelled boxes of one label on one object. */
    DUPLICATE;

    /** What taking the model's fix does, in two words. */
    public String fix() {
        return switch (this) {
            case MISSING_BOX -> "adds it";
            case FALSE_BOX, DUPLICATE -> "rejects it";
            case WRONG_LABEL -> "relabels it";
            case POOR_FIT -> "refits it";
        };
    }

    /** Whether its fix rejects a box, which is a reviewer's part. */
    public boolean judges() {
        return this == FALSE_BOX || this == DUPLICATE;
    }
}
