package dev.loupe.store;

/** Another writer held the project longer than this one would wait; the message names its job when known. */
public final class ProjectBusyException extends StoreException {
    public ProjectBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
