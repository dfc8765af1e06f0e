package dev.loupe.core;

/** Which side of a train / test split an image is on (validation is optional, for early stopping). */
public enum Split {
    TRAIN, VALIDATION, TEST
}
