package dev.loupe.video;

/** A clip that cannot be opened or read, with the file and the reason. */
public class VideoException extends Exception {
    public VideoException(String message) {
        super(message);
    }

    public VideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
