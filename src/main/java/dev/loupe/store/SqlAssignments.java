package dev.loupe.store;

import dev.loupe.core.Assignment;
import dev.loupe.core.WorkItem;
import dev.loupe.core.Workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Work queues: who annotates or judges which image (several people may have one image: overlap). */
final class SqlAssignments {
    /**
     * An assignment not finished: an annotation image its person has not marked done, a stage image without a
     * verdict.
     */
    private static final String OPEN = "CASE WHEN a.stage_id = 0 THEN a.finished_at IS NULL ELSE EXISTS (SELECT 1 FROM "
            + "stage_images s WHERE s.stage_id = a.stage_id AND s.image_id = a.image_id AND s.verdict IS NULL) END";

    private SqlAssignments() {
    }

    /**
     * Hands the images to one person: anyone else who had them no longer does, and an image already marked done stays
     * done.
     */
    static void assign(Connection c, long taskId, long stageId, long[] imageIds, String assignee, String by)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM assignments WHERE task_id = ? AND stage_id = ? "
                + "AND image_id = ? AND assignee <> ?")) {
            for (long image : imageIds) {
                ps.setLong(1, taskId);
                ps.setLong(2, stageId);
                ps.setLong(3, image);
                ps.setString(4, assignee);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        insert(c, taskId, stageId, imageIds, assignee, by, "(SELECT r.updated_at FROM image_reviews r WHERE "
                + "r.image_id = ? AND r.task_id = ? AND r.done = 1 AND ? = 0)");
    }

    /**
     * Gives the images to the person as well (an independent annotation: open for them whoever else is done); an
     * assignment they already have stays as it is.
     */
    static void add(Connection c, long taskId, long stageId, long[] imageIds, String assignee, String by)
            throws SQLException {
        insert(c, taskId, stageId, imageIds, assignee, by, "NULL");
    }

    /** Inserts assignments whose finished_at is {@code finished}: NULL, or a query on (image, task, stage). */
    private static void insert(Connection c, long taskId, long stageId, long[] imageIds, String assignee, String by,
                               String finished) throws SQLException {
        boolean query = !"NULL".equals(finished);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assignments(task_id, stage_id, image_id, assignee, "
                + "assigned_by, assigned_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, " + finished + ") "
                + "ON CONFLICT (task_id, stage_id, image_id, assignee) DO NOTHING")) {
            long now = System.currentTimeMillis();
            for (long image : imageIds) {
                ps.setLong(1, taskId);
                ps.setLong(2, stageId);
                ps.setLong(3, image);
                ps.setString(4, assignee);
                ps.setString(5, by == null ? "" : by);
                ps.setLong(6, now);
                if (query) {
                    ps.setLong(7, image);
                    ps.setLong(8, taskId);
                    ps.setLong(9, stageId);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static long[] shared(Connection c, long taskId, java.util.Collection<String> people) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(people.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT image_id FROM assignments WHERE task_id = ? AND "
                + "stage_id = 0 AND assignee IN (" + marks + ") GROUP BY image_id HAVING count(*) >= 2 ORDER BY image_id")) {
            ps.setLong(1, taskId);
            int i = 2;
            for (String p : people) {
                ps.setString(i++, p);
            }
            LongList out = new LongList();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out.toArray();
        }
    }

    static List<Assignment> of(Connection c, long taskId, long stageId, long imageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT assignee, finished_at IS NOT NULL FROM assignments "
                + "WHERE task_id = ? AND stage_id = ? AND image_id = ? ORDER BY assignee")) {
            ps.setLong(1, taskId);
            ps.setLong(2, stageId);
            ps.setLong(3, imageId);
            List<Assignment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Assignment(rs.getString(1), rs.getBoolean(2)));
                }
            }
            return out;
        }
    }

    /**
     * An image marked done finishes its marker's assignment (and, when one person alone has it, theirs); marked not
     * done (say, sent back by a reviewer), every assignment of it is open again.
     */
    static void markDone(Connection c, long imageId, long taskId, boolean done, String by) throws SQLException {
        String sql = done
                ? "UPDATE assignments SET finished_at = ? WHERE task_id = ? AND stage_id = 0 AND image_id = ? "
                + "AND finished_at IS NULL AND (assignee = ? OR (SELECT count(*) FROM assignments x WHERE "
                + "x.task_id = assignments.task_id AND x.stage_id = 0 AND x.image_id = assignments.image_id) = 1)"
                : "UPDATE assignments SET finished_at = NULL WHERE task_id = ? AND stage_id = 0 AND image_id = ? "
                + "AND finished_at IS NOT NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (done) {
                ps.setLong(i++, System.currentTimeMillis());
            }
            ps.setLong(i++, taskId);
            ps.setLong(i++, imageId);
            if (done) {
                ps.setString(i, by == null ? "" : by);
            }
            ps.executeUpdate();
        }
    }

    static Set<Long> assigned(Connection c, long taskId, long stageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT image_id FROM assignments WHERE task_id = ? AND stage_id = ?")) {
            ps.setLong(1, taskId);
            ps.setLong(2, stageId);
            Set<Long> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    static List<WorkItem> open(Connection c, String assignee) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.image_id, a.task_id, a.stage_id FROM assignments a "
                + "WHERE a.assignee = ? AND " + OPEN + " ORDER BY a.task_id, a.stage_id, a.image_id")) {
            ps.setString(1, assignee);
            List<WorkItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WorkItem(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        }
    }

    static List<Workload> workloads(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.assignee, a.task_id, a.stage_id, count(*), "
                + "sum(CASE WHEN " + OPEN + " THEN 1 ELSE 0 END) FROM assignments a "
                + "GROUP BY a.assignee, a.task_id, a.stage_id ORDER BY a.task_id, a.stage_id, a.assignee")) {
            List<Workload> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Workload(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5)));
                }
            }
            return out;
        }
    }
}
