package dev.loupe.store;

/** The server refused the login: no password was given, or it was wrong. Asking the person for it may help. */
public final class LoginRefusedException extends StoreException {
    public LoginRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
