package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The box statements of the project store, each run on a connection the store provides. */
final class SqlBoxes {

    private SqlBoxes() {
    }

    static long[] insert(Connection c, List<NewBox> boxes) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = SqlSupport.prepareInsert(c, "INSERT INTO boxes(image_id, task_id, label_id, x, y, w, h, "
                + "source, score, status, author, created_at, updated_at, crowd, area, flags) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (NewBox b : boxes) {
                ps.setLong(1, b.imageId());
                ps.setLong(2, b.taskId());
                ps.setLong(3, b.labelId());
                ps.setDouble(4, b.x());
                ps.setDouble(5, b.y());
                ps.setDouble(6, b.w());
                ps.setDouble(7, b.h());
                ps.setString(8, b.source().name());
                if (Double.isNaN(b.score())) {
                    ps.setNull(9, Types.REAL);
                } else {
                    ps.setDouble(9, b.score());
                }
                ps.setString(10, b.status().name());
                ps.setString(11, b.author());
                ps.setLong(12, now);
                ps.setLong(13, now);
                ps.setInt(14, b.crowd() ? 1 : 0);
                setOptional(ps, 15, b.area());
                ps.setInt(16, b.flags());
                ps.addBatch();
            }
            ps.executeBatch();
            return SqlSupport.batchIds(c, ps, boxes.size());
        }
    }

    /**
     * Stores an edit of a box read at {@code b.version()} and returns the box as stored. Only what changed is written
     * (on a team project an annotator may move a box but not judge it, a reviewer the other way round); an edit of
     * an older version than the stored one is refused with the box as it is now.
     */
    static Box update(Connection c, Box b) throws SQLException {
        Box stored = byId(c, b.id());
        if (stored == null) {
            throw new StoreException("no box with id " + b.id());
        }
        if (stored.version() != b.version()) {
            throw new StaleEditException(stored, stored.author());
        }
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean drawn = b.labelId() != stored.labelId() || b.x() != stored.x() || b.y() != stored.y()
                || b.w() != stored.w() || b.h() != stored.h() || b.source() != stored.source()
                || b.origin() != stored.origin();
        if (drawn) {
            sets.add("label_id = ?, x = ?, y = ?, w = ?, h = ?, source = ?, origin = ?, area = ?");
            values.addAll(java.util.Arrays.asList(b.labelId(), b.x(), b.y(), b.w(), b.h(), b.source().name(),
                    b.origin() == b.source() ? null : b.origin().name(), Double.isNaN(b.area()) ? null : b.area()));
        }
        if (b.status() != stored.status()) {
            sets.add("status = ?");
            values.add(b.status().name());
        }
        if (sets.isEmpty()) {
            return stored;
        }
        sets.add("author = ?, updated_at = ?");
        values.add(b.author());
        values.add(System.currentTimeMillis());
        if (!SqlSupport.isPostgres(c)) {
            sets.add("version = version + 1"); // a team project's server counts it itself
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE boxes SET " + String.join(", ", sets)
                + " WHERE id = ? AND version = ?")) {
            int i = 1;
            for (Object v : values) {
                ps.setObject(i++, v);
            }
            ps.setLong(i++, b.id());
            ps.setLong(i, b.version());
            if (ps.executeUpdate() != 1) {
                Box now = byId(c, b.id());
                throw new StaleEditException(now, now.author());
            }
        }
        return byId(c, b.id());
    }

    static Box byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlRows.BOX_COLUMNS + " FROM boxes b WHERE b.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? SqlRows.box(rs) : null;
            }
        }
    }

    static void restore(Connection c, Box b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO boxes(id, image_id, task_id, label_id, x, y, w, h, "
                + "source, score, status, author, created_at, updated_at, crowd, origin, area, flags) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, b.id());
            ps.setLong(2, b.imageId());
            ps.setLong(3, b.taskId());
            ps.setLong(4, b.labelId());
            ps.setDouble(5, b.x());
            ps.setDouble(6, b.y());
            ps.setDouble(7, b.w());
            ps.setDouble(8, b.h());
            ps.setString(9, b.source().name());
            if (b.hasScore()) {
                ps.setDouble(10, b.score());
            } else {
                ps.setNull(10, Types.REAL);
            }
            ps.setString(11, b.status().name());
            ps.setString(12, b.author());
            ps.setLong(13, b.createdAt().toEpochMilli());
            ps.setLong(14, System.currentTimeMillis());
            ps.setInt(15, b.crowd() ? 1 : 0);
            ps.setString(16, b.origin() == b.source() ? null : b.origin().name());
            setOptional(ps, 17, b.area());
            ps.setInt(18, b.flags());
            ps.executeUpdate();
        }
    }

    /** NaN is stored as NULL. */
    private static void setOptional(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    static int delete(Connection c, long taskId, long[] imageIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM boxes WHERE task_id = ? AND image_id = ?")) {
            for (long imageId : imageIds) {
                ps.setLong(1, taskId);
                ps.setLong(2, imageId);
                ps.addBatch();
            }
            int deleted = 0;
            for (int n : ps.executeBatch()) {
                deleted += Math.max(0, n);
            }
            return deleted;
        }
    }

    static List<Box> ofImage(Connection c, long imageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlRows.BOX_COLUMNS
                + " FROM boxes b WHERE b.image_id = ? ORDER BY b.id")) {
            ps.setLong(1, imageId);
            return list(ps, 16);
        }
    }

    static List<Box> ofTaskInRange(Connection c, long taskId, long fromImageId, long toImageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlRows.BOX_COLUMNS + " FROM boxes b "
                + "WHERE b.task_id = ? AND b.image_id BETWEEN ? AND ? ORDER BY b.image_id, b.id")) {
            ps.setLong(1, taskId);
            ps.setLong(2, fromImageId);
            ps.setLong(3, toImageId);
            return list(ps, 1024);
        }
    }

    static List<Box> page(Connection c, BoxQuery query, long afterId, int limit) throws SQLException {
        SqlFilters f = SqlFilters.boxes(query);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlRows.BOX_COLUMNS
                + " FROM boxes b JOIN images i ON i.id = b.image_id WHERE " + f.where()
                + " AND b.id > ? ORDER BY b.id LIMIT ?")) {
            int next = f.bind(ps);
            ps.setLong(next, afterId);
            ps.setInt(next + 1, limit);
            return list(ps, limit);
        }
    }

    static long count(Connection c, BoxQuery query) throws SQLException {
        SqlFilters f = SqlFilters.boxes(query);
        return SqlSupport.queryLong(c, "SELECT count(*) FROM boxes b JOIN images i ON i.id = b.image_id WHERE " + f.where(), f);
    }

    /** Ids the server's sequence will give no other box: for boxes drawn while the server is away. */
    static long[] reserveIds(Connection c, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('boxes', 'id')) FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            long[] ids = new long[n];
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
            return ids;
        }
    }

    static void setStatus(Connection c, long boxId, ReviewStatus status, String author) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE boxes SET status = ?, author = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, author == null ? "" : author);
            ps.setLong(3, System.currentTimeMillis());
            ps.setLong(4, boxId);
            if (ps.executeUpdate() != 1) {
                throw new StoreException("no box with id " + boxId);
            }
        }
    }

    private static List<Box> list(PreparedStatement ps, int expected) throws SQLException {
        List<Box> out = new ArrayList<>(expected);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(SqlRows.box(rs));
            }
        }
        return out;
    }
}
