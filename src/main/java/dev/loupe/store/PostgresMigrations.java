package dev.loupe.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings a team project's database on a PostgreSQL server to the schema this build knows: each {@code
 * db/postgres/V<n>.sql} runs whole (PostgreSQL runs DDL in transactions), all pending ones in one transaction
 * that holds a lock on the version table, so two desktops opening a new project at once migrate it once.
 */
public final class PostgresMigrations {
    static final int LATEST = 10;

    private PostgresMigrations() {
    }

    /** Applies what is missing; returns the version the database is at. The connection's role must own the schema. */
    public static int apply(Connection c, String databaseForMessages) throws SQLException {
        // a project at this version opens without DDL: annotators and reviewers may not create tables
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('loupe_schema') IS NOT NULL")) {
            if (rs.next() && rs.getBoolean(1)) {
                try (ResultSet v = st.executeQuery("SELECT max(version) FROM loupe_schema")) {
                    if (v.next() && v.getInt(1) == LATEST) {
                        return LATEST;
                    }
                }
            }
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS loupe_schema (version INTEGER NOT NULL)");
            st.execute("LOCK TABLE loupe_schema IN ACCESS EXCLUSIVE MODE");
            int current = version(st);
            if (current > LATEST) {
                throw new StoreException(databaseForMessages + ": schema version " + current
                        + " is newer than this Loupe understands (" + LATEST + "); update Loupe to open it");
            }
            for (int v = current + 1; v <= LATEST; v++) {
                try {
                    st.execute(MigrationScripts.read("postgres", v));
                } catch (SQLException e) {
                    throw new StoreException(databaseForMessages + ": schema migration to version " + v + " failed: "
                            + e.getMessage(), e);
                }
            }
            st.execute("DELETE FROM loupe_schema");
            st.execute("INSERT INTO loupe_schema(version) VALUES (" + LATEST + ")");
            c.commit();
            return LATEST;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static int version(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT max(version) FROM loupe_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
