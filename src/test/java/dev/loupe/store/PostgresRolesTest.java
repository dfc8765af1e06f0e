package dev.loupe.store;

import dev.loupe.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team project's rules held by the PostgreSQL server itself, tried with plain JDBC as each person would connect:
 * what a role may not do is refused by the database, whatever the client.
 */
class PostgresRolesTest {

    /** A migrated project with one image, one task and one label, made by the administrating user. */
    private static void project(PostgresServer server) throws SQLException {
        try (Connection c = server.asAdmin()) {
            assertEquals(PostgresMigrations.LATEST, PostgresMigrations.apply(c, "test"));
            assertEquals(PostgresMigrations.LATEST, PostgresMigrations.apply(c, "test"), "a second open changes nothing");
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO datasets(id, name, created_at) VALUES (1, 'dev', 0)");
                st.execute("INSERT INTO images(id, dataset_id, path, relative_path, width, height, content_hash, byte_size, "
                        + "imported_at) VALUES (1, 1, '/data/a.jpg', 'a.jpg', 640, 480, 'h1', 10, 0), "
                        + "(2, 1, '/data/b.jpg', 'b.jpg', 640, 480, 'h2', 10, 0)");
                st.execute("INSERT INTO tasks(id, name, created_at) VALUES (1, 'gt', 0)");
                st.execute("INSERT INTO labels(id, name) VALUES (1, 'person')");
                st.execute("INSERT INTO review_stages(id, task_id, name, sample_percent, seed, created_at) "
                        + "VALUES (1, 1, 'first', 100, 1, 0)");
                st.execute("INSERT INTO stage_images(stage_id, image_id) VALUES (1, 1), (1, 2)");
            }
        }
    }

    private static long drawBox(Connection c, long image, String claimedAuthor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO boxes(image_id, task_id, label_id, x, y, w, h, source, "
                + "status, author, created_at, updated_at) VALUES (?, 1, 1, 10, 10, 50, 80, 'HUMAN', 'ACCEPTED', ?, 0, 0) "
                + "RETURNING id")) {
            ps.setLong(1, image);
            ps.setString(2, claimedAuthor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    @Test
    void eachRoleMayDoWhatItsGroupMayAndTheServerRecordsTheRealAuthor() throws Exception {
        try (PostgresServer server = PostgresServer.freshDatabase()) {
            project(server);
            String annotator = server.login("loupe_annotator");
            String reviewer = server.login("loupe_reviewer");
            try (Connection ann = server.as(annotator); Connection rev = server.as(reviewer)) {
                long box = drawBox(ann, 1, "somebody else");
                assertEquals(annotator, one(ann, "SELECT author FROM boxes WHERE id = " + box), "the login, not the claim");
                assertEquals(1, update(ann, "UPDATE boxes SET x = 12, author = 'x' WHERE id = " + box));
                assertEquals("2", one(ann, "SELECT version FROM boxes WHERE id = " + box), "every write counts a version");

                SQLException verdict = assertThrows(SQLException.class,
                        () -> update(ann, "UPDATE boxes SET status = 'REJECTED' WHERE id = " + box));
                assertEquals("42501", verdict.getSQLState(), "permission denied: " + verdict.getMessage());
                SQLException approve = assertThrows(SQLException.class,
                        () -> update(ann, "UPDATE stage_images SET verdict = 'ACCEPTED' WHERE image_id = 1"));
                assertEquals("42501", approve.getSQLState(), approve.getMessage());
                SQLException importing = assertThrows(SQLException.class, () -> update(ann, "INSERT INTO images(dataset_id, "
                        + "path, relative_path, width, height, content_hash, byte_size, imported_at) "
                        + "VALUES (1, '/x.jpg', 'x.jpg', 1, 1, 'h3', 1, 0)"));
                assertEquals("42501", importing.getSQLState(), "only admins import: " + importing.getMessage());
                SQLException splitting = assertThrows(SQLException.class,
                        () -> update(ann, "INSERT INTO image_splits(image_id, split) VALUES (1, 'TEST')"));
                assertEquals("42501", splitting.getSQLState(), "only admins split: " + splitting.getMessage());
                SQLException honeypots = assertThrows(SQLException.class,
                        () -> one(ann, "SELECT count(*) FROM honeypots"));
                assertEquals("42501", honeypots.getSQLState(), "which images are honeypots is the admins' to know: "
                        + honeypots.getMessage());
                SQLException merging = assertThrows(SQLException.class,
                        () -> update(ann, "INSERT INTO consensus_sources(merged_box_id, source_box_id) VALUES (1, 1)"));
                assertEquals("42501", merging.getSQLState(), "only admins merge: " + merging.getMessage());

                assertEquals(1, update(rev, "UPDATE boxes SET status = 'REJECTED', author = 'x' WHERE id = " + box));
                assertEquals(annotator, one(rev, "SELECT author FROM boxes WHERE id = " + box), "a verdict is no drawing");
                assertEquals(reviewer, one(rev, "SELECT reviewer FROM boxes WHERE id = " + box));
                SQLException moving = assertThrows(SQLException.class,
                        () -> update(rev, "UPDATE boxes SET x = 1 WHERE id = " + box));
                assertEquals("42501", moving.getSQLState(), "reviewers judge, annotators draw: " + moving.getMessage());
                assertEquals(1, update(rev, "UPDATE stage_images SET verdict = 'ACCEPTED', reviewer = 'x' "
                        + "WHERE stage_id = 1 AND image_id = 1"));
                assertEquals(reviewer, one(rev, "SELECT reviewer FROM stage_images WHERE image_id = 1"));
                assertTrue(Long.parseLong(one(rev, "SELECT decided_at FROM stage_images WHERE image_id = 1")) > 0);
            }
        }
    }

    @Test
    void aReviewerNeverAcceptsAnImageTheyDrewBoxesOn() throws Exception {
        try (PostgresServer server = PostgresServer.freshDatabase()) {
            project(server);
            String both = server.login("loupe_reviewer");
            try (Connection admin = server.asAdmin(); Statement st = admin.createStatement()) {
                st.execute("GRANT loupe_annotator TO " + both);
            }
            try (Connection c = server.as(both)) {
                drawBox(c, 2, "");
                SQLException own = assertThrows(SQLException.class,
                        () -> update(c, "UPDATE stage_images SET verdict = 'ACCEPTED' WHERE stage_id = 1 AND image_id = 2"));
                assertEquals("42501", own.getSQLState(), "row-level security: " + own.getMessage());
                assertEquals(1, update(c, "UPDATE stage_images SET verdict = 'REJECTED' WHERE stage_id = 1 AND image_id = 2"),
                        "sending one's own work back is allowed");
                assertEquals(1, update(c, "UPDATE stage_images SET verdict = 'ACCEPTED' WHERE stage_id = 1 AND image_id = 1"),
                        "another's image may be accepted");
            }
        }
    }
}
