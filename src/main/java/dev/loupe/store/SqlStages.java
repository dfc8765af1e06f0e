package dev.loupe.store;

import dev.loupe.core.ReviewStage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.StageImage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The review-stage statements of the project store. */
final class SqlStages {

    private SqlStages() {
    }

    static long[] imagesOfTask(Connection c, long taskId, Long labelId, String author, Long since, Long until)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT image_id FROM boxes WHERE task_id = ?");
        List<Object> params = new ArrayList<>(List.of(taskId));
        if (labelId != null) {
            sql.append(" AND label_id = ?");
            params.add(labelId);
        }
        if (author != null) {
            sql.append(" AND author = ?");
            params.add(author);
        }
        if (since != null) {
            sql.append(" AND updated_at >= ?");
            params.add(since);
        }
        if (until != null) {
            sql.append(" AND updated_at <= ?");
            params.add(until);
        }
        sql.append(" ORDER BY image_id");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            LongList ids = new LongList();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.toArray();
        }
    }

    static ReviewStage create(Connection c, ReviewStage s, long[] imageIds) throws SQLException {
        long now = System.currentTimeMillis();
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_stages(task_id, name, sample_percent, label_id, "
                + "annotator, since, until, seed, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, s.taskId());
            ps.setString(2, s.name());
            ps.setDouble(3, s.samplePercent());
            ps.setObject(4, s.labelId(), Types.INTEGER);
            ps.setString(5, s.annotator());
            ps.setObject(6, s.since() == null ? null : s.since().toEpochMilli(), Types.INTEGER);
            ps.setObject(7, s.until() == null ? null : s.until().toEpochMilli(), Types.INTEGER);
            ps.setLong(8, s.seed());
            ps.setString(9, s.createdBy() == null ? "" : s.createdBy());
            ps.setLong(10, now);
            ps.executeUpdate();
            id = SqlSupport.generatedKey(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stage_images(stage_id, image_id) VALUES (?, ?)")) {
            for (long image : imageIds) {
                ps.setLong(1, id);
                ps.setLong(2, image);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new ReviewStage(id, s.taskId(), s.name(), s.samplePercent(), s.labelId(), s.annotator(), s.since(),
                s.until(), s.seed(), s.createdBy(), Instant.ofEpochMilli(now));
    }

    static List<ReviewStage> list(Connection c, long taskId) throws SQLException {
        List<ReviewStage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, task_id, name, sample_percent, label_id, annotator, "
                + "since, until, seed, created_by, created_at FROM review_stages WHERE task_id = ? ORDER BY id")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long label = rs.getLong(5);
                    Long labelId = rs.wasNull() ? null : label;
                    long since = rs.getLong(7);
                    Instant sinceAt = rs.wasNull() ? null : Instant.ofEpochMilli(since);
                    long until = rs.getLong(8);
                    Instant untilAt = rs.wasNull() ? null : Instant.ofEpochMilli(until);
                    out.add(new ReviewStage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4), labelId,
                            rs.getString(6), sinceAt, untilAt, rs.getLong(9), rs.getString(10),
                            Instant.ofEpochMilli(rs.getLong(11))));
                }
            }
        }
        return out;
    }

    static List<StageImage> images(Connection c, long stageId) throws SQLException {
        List<StageImage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT stage_id, image_id, verdict, reviewer, decided_at "
                + "FROM stage_images WHERE stage_id = ? ORDER BY image_id")) {
            ps.setLong(1, stageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String verdict = rs.getString(3);
                    long at = rs.getLong(5);
                    Instant decided = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                    out.add(new StageImage(rs.getLong(1), rs.getLong(2), verdict == null ? null : ReviewStatus.valueOf(verdict),
                            rs.getString(4), decided));
                }
            }
        }
        return out;
    }

    static void setVerdict(Connection c, long stageId, long imageId, ReviewStatus verdict, String reviewer)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stage_images SET verdict = ?, reviewer = ?, decided_at = ? "
                + "WHERE stage_id = ? AND image_id = ?")) {
            ps.setString(1, verdict == null ? null : verdict.name());
            ps.setString(2, reviewer == null ? "" : reviewer);
            ps.setLong(3, System.currentTimeMillis());
            ps.setLong(4, stageId);
            ps.setLong(5, imageId);
            if (ps.executeUpdate() != 1) {
                throw new StoreException("image " + imageId + " is not in review stage " + stageId);
            }
        }
    }
}
