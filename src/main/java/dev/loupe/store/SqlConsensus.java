package dev.loupe.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Quality control's rows: which boxes a merged box came from, and which images are honeypots. */
final class SqlConsensus {

    private SqlConsensus() {
    }

    static void saveSources(Connection c, long[] mergedBoxIds, long[][] sources) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO consensus_sources(merged_box_id, source_box_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < mergedBoxIds.length; i++) {
                for (long source : sources[i]) {
                    ps.setLong(1, mergedBoxIds[i]);
                    ps.setLong(2, source);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static long[] sources(Connection c, long mergedBoxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source_box_id FROM consensus_sources WHERE merged_box_id = ? ORDER BY source_box_id")) {
            ps.setLong(1, mergedBoxId);
            LongList out = new LongList(4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out.toArray();
        }
    }

    static Map<Long, long[]> sources(Connection c, long taskId, long fromImageId, long toImageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.merged_box_id, s.source_box_id FROM "
                + "consensus_sources s JOIN boxes b ON b.id = s.merged_box_id WHERE b.task_id = ? "
                + "AND b.image_id BETWEEN ? AND ? ORDER BY s.merged_box_id, s.source_box_id")) {
            ps.setLong(1, taskId);
            ps.setLong(2, fromImageId);
            ps.setLong(3, toImageId);
            Map<Long, LongList> lists = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lists.computeIfAbsent(rs.getLong(1), k -> new LongList(4)).add(rs.getLong(2));
                }
            }
            Map<Long, long[]> out = new HashMap<>();
            lists.forEach((merged, list) -> out.put(merged, list.toArray()));
            return out;
        }
    }

    static void plant(Connection c, long taskId, long truthTaskId, long[] imageIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO honeypots(task_id, image_id, truth_task_id, "
                + "planted_at) VALUES (?, ?, ?, ?) ON CONFLICT (task_id, image_id) DO UPDATE SET "
                + "truth_task_id = excluded.truth_task_id")) {
            long now = System.currentTimeMillis();
            for (long image : imageIds) {
                ps.setLong(1, taskId);
                ps.setLong(2, image);
                ps.setLong(3, truthTaskId);
                ps.setLong(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Map<Long, Long> honeypots(Connection c, long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT image_id, truth_task_id FROM honeypots WHERE task_id = ? ORDER BY image_id")) {
            ps.setLong(1, taskId);
            Map<Long, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return out;
        }
    }
}
