package dev.loupe.store;

import dev.loupe.core.AugmentedImage;
import dev.loupe.core.BoxCluster;
import dev.loupe.core.ClusterRun;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Clustering runs and augmented images in the project store. */
final class SqlClusters {

    private SqlClusters() {
    }

    static long saveRun(Connection c, ClusterRun run) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_runs(dataset_id, created_at, k, seed, "
                + "settings) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, run.datasetId());
            ps.setLong(2, run.createdAt().toEpochMilli());
            ps.setInt(3, run.k());
            ps.setLong(4, run.seed());
            ps.setString(5, run.settings());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO box_clusters(run_id, box_id, cluster, umap_x, "
                + "umap_y) VALUES (?, ?, ?, ?, ?)")) {
            for (BoxCluster b : run.boxes()) {
                ps.setLong(1, id);
                ps.setLong(2, b.boxId());
                ps.setInt(3, b.cluster());
                ps.setObject(4, Double.isNaN(b.umapX()) ? null : b.umapX());
                ps.setObject(5, Double.isNaN(b.umapY()) ? null : b.umapY());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    static Optional<ClusterRun> latestRun(Connection c, long datasetId) throws SQLException {
        ClusterRun head;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, created_at, k, seed, settings FROM cluster_runs "
                + "WHERE dataset_id = ? ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                head = new ClusterRun(rs.getLong(1), datasetId, Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3),
                        rs.getLong(4), rs.getString(5), List.of());
            }
        }
        List<BoxCluster> boxes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bc.box_id, b.image_id, bc.cluster, bc.umap_x, bc.umap_y "
                + "FROM box_clusters bc JOIN boxes b ON b.id = bc.box_id WHERE bc.run_id = ? ORDER BY bc.box_id")) {
            ps.setLong(1, head.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double x = rs.getDouble(4);
                    x = rs.wasNull() ? Double.NaN : x; // ask before reading another column
                    double y = rs.getDouble(5);
                    y = rs.wasNull() ? Double.NaN : y;
                    boxes.add(new BoxCluster(rs.getLong(1), rs.getLong(2), rs.getInt(3), x, y));
                }
            }
        }
        return Optional.of(new ClusterRun(head.id(), datasetId, head.createdAt(), head.k(), head.seed(),
                head.settings(), boxes));
    }

    static void addAugmented(Connection c, List<AugmentedImage> images) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO augmented_images(image_id, source_image_id, "
                + "cluster, recipe) VALUES (?, ?, ?, ?)")) {
            for (AugmentedImage a : images) {
                ps.setLong(1, a.imageId());
                ps.setLong(2, a.sourceImageId());
                ps.setInt(3, a.cluster());
                ps.setString(4, a.recipe());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<AugmentedImage> augmented(Connection c, long datasetId) throws SQLException {
        List<AugmentedImage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.image_id, a.source_image_id, a.cluster, a.recipe "
                + "FROM augmented_images a JOIN images i ON i.id = a.image_id WHERE i.dataset_id = ? ORDER BY a.image_id")) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AugmentedImage(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)));
                }
            }
        }
        return out;
    }
}
