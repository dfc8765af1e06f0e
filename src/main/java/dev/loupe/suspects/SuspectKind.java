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
    DUPLICATE
}
