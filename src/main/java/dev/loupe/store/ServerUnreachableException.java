package dev.loupe.store;

/**
 * A team project's server could not be reached (down, restarting, or the network between): the work may succeed
 * when it is back, unlike a refusal by the server.
 */
public final class ServerUnreachableException extends StoreException {
    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code e} (or a cause) says the connection failed or the server is shutting down or starting up
     * (SQLSTATE class 08, 57P01–57P03), as opposed to a refusal of the statement itself.
     */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
