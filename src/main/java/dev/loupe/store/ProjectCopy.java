package dev.loupe.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * the same ids: images (and their bytes, when the team project keeps them on its server), boxes with their authors and times, comments, stages and verdicts, metrics,
 * metadata, clusters, augmentations and the split. The target must be empty, so a second push or pull is refused
 * rather than doubling anything; the whole copy is one transaction on the target.
 */
public final class ProjectCopy {
    /** Tables in an order that satisfies their foreign keys. */
    private static final List<String> TABLES = List.of("datasets", "videos", "images", "image_aliases", "labels", "tasks", "boxes",
            "comments", "inference_runs", "image_reviews", "review_stages", "stage_images", "image_metrics", "box_metrics",
            "image_metadata", "box_metadata", "cluster_runs", "box_clusters", "augmented_images", "image_splits",
            "imported_box_sets", "assignments", "consensus_sources", "honeypots", "tracks", "track_keys");
    /** Tables whose id the server numbers from a sequence, to be moved past the copied ids. */
    private static final List<String> NUMBERED = List.of("datasets", "videos", "tracks", "images", "labels", "tasks", "boxes", "comments",
            "review_stages", "cluster_runs");
    private static final int BATCH = 5_000;
    /** The folder of a pulled project that holds the images fetched from the server. */
    public static final String PULLED_IMAGES = "images";

    private ProjectCopy() {
    }

    /**
     * Copies the project in the SQLite file onto the server's database (migrated first); returns the rows copied. With
     * {@code imagesOnServer} every image's bytes go first, one committed image at a time, so a push stopped halfway
     * resumes where it was; else every desktop reads the images at their paths (a shared folder).
     */
    public static long push(Path sqliteFile, String jdbcUrl, String user, String password, boolean imagesOnServer) {
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath());
             Connection to = DriverManager.getConnection(jdbcUrl, user, password)) {
            // both sides at this Loupe's schema first, so the same columns mean the same things
            SqliteMigrations.apply(from, sqliteFile.toString());
            PostgresMigrations.apply(to, jdbcUrl);
            requireEmpty(to, jdbcUrl);
            ServerImages.choose(to, imagesOnServer, jdbcUrl);
            if (imagesOnServer) {
                uploadImages(from, to);
            }
            return copy(from, to, null);
        } catch (SQLException e) {
            throw new StoreException("cannot push " + sqliteFile + " to " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies a team project from the server into a new SQLite file; returns the rows copied. Images kept on the server
     * are fetched into {@value #PULLED_IMAGES} beside the file, and the copy reads them there.
     */
    public static long pull(String jdbcUrl, String user, String password, Path sqliteFile) {
        try (Connection from = DriverManager.getConnection(jdbcUrl, user, password);
             Connection to = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath())) {
            PostgresMigrations.apply(from, jdbcUrl);
            SqliteMigrations.apply(to, sqliteFile.toString());
            requireEmpty(to, sqliteFile.toString());
            Path images = null;
            if (ServerImages.onServer(from)) {
                images = sqliteFile.toAbsolutePath().getParent().resolve(PULLED_IMAGES);
                fetchImages(from, images);
            }
            return copy(from, to, images);
        } catch (SQLException e) {
            throw new StoreException("cannot pull " + jdbcUrl + " into " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    private static void requireEmpty(Connection c, String target) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : List.of("datasets", "labels", "tasks")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new StoreException(target + " already holds a project (its " + table + " are not empty): "
                                + "copy into an empty one");
                    }
                }
            }
        }
    }

    /** Each image's bytes, streamed from its file, committed one by one; those already there are passed over. */
    private static void uploadImages(Connection from, Connection to) throws SQLException {
        to.setAutoCommit(false);
        try (Statement st = from.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT content_hash, path FROM images")) {
            while (rs.next()) {
                String hash = rs.getString(1);
                Path file = Path.of(rs.getString(2));
                try (InputStream in = Files.newInputStream(file)) {
                    ServerImages.upload(to, hash, in);
                    to.commit();
                } catch (IOException | UncheckedIOException e) {
                    to.rollback();
                    throw new StoreException(file + ": cannot read it to store it on the server (" + e.getMessage()
                            + "); put it back and push again, or push with the images in a shared folder", e);
                }
            }
        } finally {
            to.setAutoCommit(true);
        }
    }

    /** Fetches every image into {@code folder}; those fetched by an earlier pull that stopped are kept. */
    private static void fetchImages(Connection from, Path folder) throws SQLException {
        try (Statement st = from.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT content_hash, relative_path FROM images")) {
            while (rs.next()) {
                String hash = rs.getString(1);
                Path file = ServerImages.fileIn(folder, hash, rs.getString(2));
                if (!Files.isRegularFile(file) && !ServerImages.fetch(from, hash, file)) {
                    throw new StoreException("image " + rs.getString(2) + ": the server has no bytes for it");
                }
            }
        } catch (UncheckedIOException e) {
            throw new StoreException("cannot write a fetched image into " + folder + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Points the pulled images' rows at their fetched files. */
    private static void pointAt(Connection to, Path folder) throws SQLException {
        try (Statement st = to.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, content_hash, relative_path FROM images");
             PreparedStatement point = to.prepareStatement("UPDATE images SET path = ? WHERE id = ?")) {
            while (rs.next()) {
                point.setString(1, ServerImages.fileIn(folder, rs.getString(2), rs.getString(3)).toString());
                point.setLong(2, rs.getLong(1));
                point.addBatch();
            }
            point.executeBatch();
        }
    }

    /** Copies every table in one transaction; {@code pulledImages}, when not null, is where the images now are. */
    private static long copy(Connection from, Connection to, Path pulledImages) throws SQLException {
        boolean toServer = SqlSupport.isPostgres(to);
        to.setAutoCommit(false);
        try (Statement st = to.createStatement()) {
            if (toServer) {
                // the rows keep their recorded authors and times: the server's authorship trigger is for live edits
                st.execute("ALTER TABLE boxes DISABLE TRIGGER boxes_authorship");
                st.execute("ALTER TABLE comments DISABLE TRIGGER comments_author");
            }
            long rows = 0;
            for (String table : TABLES) {
                rows += copyTable(from, to, table);
            }
            if (pulledImages != null) {
                pointAt(to, pulledImages);
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
