package dev.loupe.core;

/** Who made a box: a person, a detector, or an augmentation of another box. */
public enum Source {
    HUMAN, MODEL, AUGMENTED
}
