package dev.loupe.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Copies a whole project between the embedded SQLite file and a team project's PostgreSQL database, row for row with
 * the same ids: images (by path), boxes with their authors and times, comments, stages and verdicts, metrics,
 * metadata, clusters, augmentations and the split. The target must be empty, so a second push or pull is refused
 * rather than doubling anything; the whole copy is one transaction on the target.
 */
public final class ProjectCopy {
    /** Tables in an order that satisfies their foreign keys. */
    private static final List<String> TABLES = List.of("datasets", "images", "image_aliases", "labels", "tasks", "boxes",
            "comments", "inference_runs", "image_reviews", "review_stages", "stage_images", "image_metrics", "box_metrics",
            "image_metadata", "box_metadata", "cluster_runs", "box_clusters", "augmented_images", "image_splits",
            "imported_box_sets", "assignments");
    /** Tables whose id the server numbers from a sequence, to be moved past the copied ids. */
    private static final List<String> NUMBERED = List.of("datasets", "images", "labels", "tasks", "boxes", "comments",
            "review_stages", "cluster_runs");
    private static final int BATCH = 5_000;

    private ProjectCopy() {
    }

    /** Copies the project in the SQLite file onto the server's database (migrated first); returns the rows copied. */
    public static long push(Path sqliteFile, String jdbcUrl, String user, String password) {
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath());
             Connection to = DriverManager.getConnection(jdbcUrl, user, password)) {
            // both sides at this Loupe's schema first, so the same columns mean the same things
            SqliteMigrations.apply(from, sqliteFile.toString());
            PostgresMigrations.apply(to, jdbcUrl);
            return copy(from, to, jdbcUrl);
        } catch (SQLException e) {
            throw new StoreException("cannot push " + sqliteFile + " to " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** Copies a team project from the server into a new SQLite file; returns the rows copied. */
    public static long pull(String jdbcUrl, String user, String password, Path sqliteFile) {
        try (Connection from = DriverManager.getConnection(jdbcUrl, user, password);
             Connection to = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath())) {
            PostgresMigrations.apply(from, jdbcUrl);
            SqliteMigrations.apply(to, sqliteFile.toString());
            return copy(from, to, sqliteFile.toString());
        } catch (SQLException e) {
            throw new StoreException("cannot pull " + jdbcUrl + " into " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    private static long copy(Connection from, Connection to, String target) throws SQLException {
        boolean toServer = SqlSupport.isPostgres(to);
        to.setAutoCommit(false);
        try (Statement st = to.createStatement()) {
            if (toServer) {
                // the rows keep their recorded authors and times: the server's authorship trigger is for live edits
                st.execute("ALTER TABLE boxes DISABLE TRIGGER boxes_authorship");
                st.execute("ALTER TABLE comments DISABLE TRIGGER comments_author");
            }
            for (String table : List.of("datasets", "labels", "tasks")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new StoreException(target + " already holds a project (its " + table + " are not empty): "
                                + "copy into an empty one");
                    }
                }
            }
            long rows = 0;
            for (String table : TABLES) {
                rows += copyTable(from, to, table);
            }
            if (toServer) {
                for (String table : NUMBERED) {
                    st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                            + "GREATEST((SELECT max(id) FROM " + table + "), 1))");
                }
                st.execute("ALTER TABLE boxes ENABLE TRIGGER boxes_authorship");
                st.execute("ALTER TABLE comments ENABLE TRIGGER comments_author");
            }
            to.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        }
    }

    /** Copies the columns both sides have (the server adds some, such as versions, which keep their defaults). */
    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        Set<String> columns = columns(from, table);
        columns.retainAll(columns(to, table));
        String list = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        long n = 0;
        try (Statement read = from.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
             PreparedStatement write = to.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
            int width = columns.size();
            while (rs.next()) {
                for (int i = 1; i <= width; i++) {
                    write.setObject(i, rs.getObject(i));
                }
                write.addBatch();
                if (++n % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return n;
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, null, table, null)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (out.isEmpty()) {
            throw new SQLException("no table " + table + " in " + meta.getURL());
        }
        return out;
    }
}
