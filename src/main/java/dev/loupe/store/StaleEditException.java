package dev.loupe.store;

import dev.loupe.core.Box;

/**
 * An edit of a box that someone else changed since it was read: refused, with the box as it is now stored, so the
 * editor can show it and say who changed it.
 */
public final class StaleEditException extends StoreException {
    private final transient Box current;

    public StaleEditException(Box current, String changedBy) {
        super("box " + current.id() + " was changed by " + (changedBy.isBlank() ? "someone else" : changedBy)
                + " in the meantime: your edit was not stored, the box is shown as it is now");
        this.current = current;
    }

    /** The box as the store holds it now. */
    public Box current() {
        return current;
    }
}
