package dev.loupe.project;

/** A project folder cannot be created or opened; the message says which and why. */
public class ProjectException extends RuntimeException {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
