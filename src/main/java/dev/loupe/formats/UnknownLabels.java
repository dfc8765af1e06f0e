package dev.loupe.formats;

/** What an import does with a class name the project does not have yet. */
public enum UnknownLabels {
    /** Adds it as a new label. */
    ADD,
    /** Fails the import, naming the file and line. */
    REJECT
}
