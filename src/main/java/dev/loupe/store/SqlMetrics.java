package dev.loupe.store;

import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The metrics cache statements of the project store. */
final class SqlMetrics {

    private SqlMetrics() {
    }

    static void saveImages(Connection c, List<ImageMetrics> metrics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_metrics(image_id, content_hash, width, "
                + "height, aspect, mean_r, mean_g, mean_b, gray_mean, gray_std, gray_entropy, sharpness) "
                + "SELECT ?, content_hash, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM images WHERE id = ? "
                + "ON CONFLICT (image_id) DO UPDATE SET content_hash = excluded.content_hash, width = excluded.width, "
                + "height = excluded.height, aspect = excluded.aspect, mean_r = excluded.mean_r, mean_g = excluded.mean_g, "
                + "mean_b = excluded.mean_b, gray_mean = excluded.gray_mean, gray_std = excluded.gray_std, "
                + "gray_entropy = excluded.gray_entropy, sharpness = excluded.sharpness")) {
            for (ImageMetrics m : metrics) {
                ps.setLong(1, m.imageId());
                ps.setInt(2, m.widthPx());
                ps.setInt(3, m.heightPx());
                ps.setDouble(4, m.aspect());
                ps.setDouble(5, m.meanR());
                ps.setDouble(6, m.meanG());
                ps.setDouble(7, m.meanB());
                ps.setDouble(8, m.grayMean());
                ps.setDouble(9, m.grayStd());
                ps.setDouble(10, m.grayEntropy());
                ps.setDouble(11, m.sharpness());
                ps.setLong(12, m.imageId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void saveBoxes(Connection c, List<BoxMetrics> metrics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO box_metrics(box_id, image_id, box_updated_at, "
                + "relative_area, aspect, center_x, center_y, mean_r, mean_g, mean_b, gray_std, gray_entropy) "
                + "SELECT ?, ?, updated_at, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM boxes WHERE id = ? "
                + "ON CONFLICT (box_id) DO UPDATE SET image_id = excluded.image_id, "
                + "box_updated_at = excluded.box_updated_at, relative_area = excluded.relative_area, aspect = excluded.aspect, "
                + "center_x = excluded.center_x, center_y = excluded.center_y, mean_r = excluded.mean_r, "
                + "mean_g = excluded.mean_g, mean_b = excluded.mean_b, gray_std = excluded.gray_std, "
                + "gray_entropy = excluded.gray_entropy")) {
            for (BoxMetrics m : metrics) {
                ps.setLong(1, m.boxId());
                ps.setLong(2, m.imageId());
                ps.setDouble(3, m.relativeArea());
                ps.setDouble(4, m.aspect());
                ps.setDouble(5, m.centerX());
                ps.setDouble(6, m.centerY());
                ps.setDouble(7, m.meanR());
                ps.setDouble(8, m.meanG());
                ps.setDouble(9, m.meanB());
                ps.setDouble(10, m.grayStd());
                ps.setDouble(11, m.grayEntropy());
                ps.setLong(12, m.boxId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Set<Long> currentImages(Connection c, long datasetId) throws SQLException {
        return ids(c, "SELECT m.image_id FROM image_metrics m JOIN images i ON i.id = m.image_id "
                + "WHERE i.dataset_id = ? AND m.content_hash = i.content_hash", datasetId);
    }

    static Set<Long> currentBoxes(Connection c, long datasetId) throws SQLException {
        return ids(c, "SELECT m.box_id FROM box_metrics m JOIN boxes b ON b.id = m.box_id JOIN images i ON i.id = b.image_id "
                + "WHERE i.dataset_id = ? AND m.box_updated_at = b.updated_at", datasetId);
    }

    private static Set<Long> ids(Connection c, String sql, long datasetId) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    static List<ImageMetrics> images(Connection c, long datasetId) throws SQLException {
        List<ImageMetrics> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.image_id, m.width, m.height, m.aspect, m.mean_r, m.mean_g, "
                + "m.mean_b, m.gray_mean, m.gray_std, m.gray_entropy, m.sharpness FROM image_metrics m "
                + "JOIN images i ON i.id = m.image_id WHERE i.dataset_id = ? AND m.content_hash = i.content_hash "
                + "ORDER BY m.image_id")) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImageMetrics(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                            rs.getDouble(11)));
                }
            }
        }
        return out;
    }

    static List<BoxMetrics> boxes(Connection c, long datasetId) throws SQLException {
        List<BoxMetrics> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.box_id, m.image_id, m.relative_area, m.aspect, m.center_x, "
                + "m.center_y, m.mean_r, m.mean_g, m.mean_b, m.gray_std, m.gray_entropy FROM box_metrics m "
                + "JOIN boxes b ON b.id = m.box_id JOIN images i ON i.id = b.image_id "
                + "WHERE i.dataset_id = ? AND m.box_updated_at = b.updated_at ORDER BY m.box_id")) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BoxMetrics(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                            rs.getDouble(11)));
                }
            }
        }
        return out;
    }
}
