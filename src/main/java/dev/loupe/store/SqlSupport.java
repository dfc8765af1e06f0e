package dev.loupe.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers shared by the store's statements, on SQLite and PostgreSQL alike. */
final class SqlSupport {

    private SqlSupport() {
    }

    static long queryLong(Connection c, String sql, SqlFilters f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            f.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A batch insert whose new ids {@link #batchIds} can read back, on either database. */
    static PreparedStatement prepareInsert(Connection c, String sql) throws SQLException {
        return isPostgres(c) ? c.prepareStatement(sql, new String[]{"id"}) : c.prepareStatement(sql);
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.isWrapperFor(org.postgresql.PGConnection.class);
    }

    /**
     * Ids of the {@code n} rows just inserted by one batch of {@code ps} (made by {@link #prepareInsert}). On
     * PostgreSQL the batch returned them; on SQLite it ran inside this transaction on the only writer connection, so
     * its rowids are consecutive and end at last_insert_rowid().
     */
    static long[] batchIds(Connection c, PreparedStatement ps, int n) throws SQLException {
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        if (isPostgres(c)) {
            try (ResultSet keys = ps.getGeneratedKeys()) {
                for (int k = 0; k < n && keys.next(); k++) {
                    ids[k] = keys.getLong(1);
                }
            }
            return ids;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            long last = rs.getLong(1);
            for (int k = 0; k < n; k++) {
                ids[k] = last - n + 1 + k;
            }
        }
        return ids;
    }

    static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }
}
