package dev.loupe.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings a project database up to the schema this build knows. Each step is a resource
 * {@code db/sqlite/V<n>.sql} applied in its own transaction; {@code PRAGMA user_version} records the last.
 */
final class SqliteMigrations {
    static final int LATEST = 19;

    private SqliteMigrations() {
    }

    static int apply(Connection c, String fileForMessages) throws SQLException {
        int current = version(c);
        if (current > LATEST) {
            throw new StoreException(fileForMessages + ": schema version " + current
                    + " is newer than this Loupe understands (" + LATEST + "); update Loupe to open it");
        }
        for (int v = current + 1; v <= LATEST; v++) {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    // another process may have migrated since the version was read: each step is applied once
                    if (version(c) < v) {
                        for (String sql : statements(script(v))) {
                            st.execute(sql);
                        }
                        st.execute("PRAGMA user_version = " + v);
                    }
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw new StoreException(fileForMessages + ": schema migration to version " + v + " failed", e);
                }
            }
        }
        return LATEST;
    }

    static int version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String script(int version) {
        return MigrationScripts.read("sqlite", version);
    }

    /** Splits a script on semicolons that end a line; comment lines are dropped. */
    static String[] statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                clean.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(clean.toString().split(";\\s*\n"))
                .map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
