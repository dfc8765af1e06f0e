package dev.loupe.media;

/** A file that is not a usable image; the message says what is wrong in words a user can act on. */
public class UnreadableImageException extends Exception {
    public UnreadableImageException(String reason) {
        super(reason);
    }

    public UnreadableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
