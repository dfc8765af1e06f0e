package dev.loupe.store;

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

/** Work queues: who annotates or judges which image. */
final class SqlAssignments {
    /** An assignment not finished: an annotation image not marked done, a stage image without a verdict. */
    private static final String OPEN = "CASE WHEN a.stage_id = 0 THEN NOT EXISTS (SELECT 1 FROM image_reviews r "
            + "WHERE r.image_id = a.image_id AND r.task_id = a.task_id AND r.done = 1) ELSE EXISTS (SELECT 1 FROM "
            + "stage_images s WHERE s.stage_id = a.stage_id AND s.image_id = a.image_id AND s.verdict IS NULL) END";

    private SqlAssignments() {
    }

    static void assign(Connection c, long taskId, long stageId, long[] imageIds, String assignee, String by)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assignments(task_id, stage_id, image_id, assignee, "
                + "assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (task_id, stage_id, image_id) DO "
                + "UPDATE SET assignee = excluded.assignee, assigned_by = excluded.assigned_by, "
                + "assigned_at = excluded.assigned_at")) {
            long now = System.currentTimeMillis();
            for (long image : imageIds) {
                ps.setLong(1, taskId);
                ps.setLong(2, stageId);
                ps.setLong(3, image);
                ps.setString(4, assignee);
                ps.setString(5, by == null ? "" : by);
                ps.setLong(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
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
