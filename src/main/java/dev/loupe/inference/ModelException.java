package dev.loupe.inference;

/** A model cannot be found, verified, loaded or run; the message names the file and what was expected. */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
