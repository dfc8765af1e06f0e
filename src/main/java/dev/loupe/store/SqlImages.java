package dev.loupe.store;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewImage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The dataset and image statements of the project store, each run on a connection the store provides. */
final class SqlImages {

    private static final int IN_CHUNK = 1000;

    private SqlImages() {
    }

    static Dataset createDataset(Connection c, String name) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO datasets(name, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setLong(2, now);
            ps.executeUpdate();
            return new Dataset(SqlSupport.generatedKey(ps), name, Instant.ofEpochMilli(now));
        }
    }

    static Dataset dataset(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO datasets(name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, name);
            ps.setLong(2, System.currentTimeMillis());
            ps.executeUpdate();
        }
        return findDataset(c, name).orElseThrow();
    }

    static Optional<Dataset> findDataset(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM datasets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SqlRows.dataset(rs)) : Optional.empty();
            }
        }
    }

    static List<Dataset> datasets(Connection c) throws SQLException {
        List<Dataset> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, created_at FROM datasets ORDER BY name")) {
            while (rs.next()) {
                out.add(SqlRows.dataset(rs));
            }
        }
        return out;
    }

    private static final String INSERT_IMAGE = "INSERT INTO images(dataset_id, path, url, relative_path, width, height, "
            + "orientation, content_hash, byte_size, imported_at, video_id, frame_index) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";

    static long[] addImages(Connection c, long datasetId, List<NewImage> images) throws SQLException {
        try (PreparedStatement ps = SqlSupport.prepareInsert(c, INSERT_IMAGE)) {
            bind(ps, datasetId, images);
            ps.executeBatch();
            return SqlSupport.batchIds(c, ps, images.size());
        }
    }

    static int addMissingImages(Connection c, long datasetId, List<NewImage> images) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_IMAGE + " ON CONFLICT (dataset_id, content_hash) DO NOTHING")) {
            bind(ps, datasetId, images);
            int added = 0;
            for (int n : ps.executeBatch()) {
                added += n;
            }
            return added;
        }
    }

    private static void bind(PreparedStatement ps, long datasetId, List<NewImage> images) throws SQLException {
        long now = System.currentTimeMillis();
        for (NewImage im : images) {
            ps.setLong(1, datasetId);
            ps.setString(2, im.path());
            ps.setString(3, im.url());
            ps.setString(4, im.relativePath());
            ps.setInt(5, im.widthPx());
            ps.setInt(6, im.heightPx());
            ps.setInt(7, im.orientation());
            ps.setString(8, im.contentHash());
            ps.setLong(9, im.byteSize());
            ps.setLong(10, now);
            if (im.frameIndex() >= 0) {
                ps.setLong(11, im.videoId());
                ps.setInt(12, im.frameIndex());
            } else {
                ps.setNull(11, java.sql.Types.BIGINT);
                ps.setNull(12, java.sql.Types.INTEGER);
            }
            ps.addBatch();
        }
    }

    static List<ImageItem> images(Connection c, long[] imageIds) throws SQLException {
        if (imageIds.length == 0) {
            return List.of();
        }
        Map<Long, ImageItem> byId = new HashMap<>();
        // both databases cap the parameters of one statement (SQLite 250,000, PostgreSQL 65,535): ask in chunks
        for (int from = 0; from < imageIds.length; from += IN_CHUNK) {
            int n = Math.min(IN_CHUNK, imageIds.length - from);
            String marks = "?,".repeat(n);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlRows.IMAGE_COLUMNS
                    + " FROM images i WHERE i.id IN (" + marks.substring(0, marks.length() - 1) + ")")) {
                for (int k = 0; k < n; k++) {
                    ps.setLong(k + 1, imageIds[from + k]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ImageItem im = SqlRows.image(rs);
                        byId.put(im.id(), im);
                    }
                }
            }
        }
        List<ImageItem> out = new ArrayList<>(byId.size());
        for (long id : imageIds) {
            ImageItem im = byId.get(id);
            if (im != null) {
                out.add(im);
            }
        }
        return out;
    }

    static List<ImageItem> imagePage(Connection c, ImageFilter filter, long afterId, int limit) throws SQLException {
        SqlFilters f = SqlFilters.images(filter);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlRows.IMAGE_COLUMNS + " FROM images i WHERE "
                + f.where() + " AND i.id > ? ORDER BY i.id LIMIT ?")) {
            int next = f.bind(ps);
            ps.setLong(next, afterId);
            ps.setInt(next + 1, limit);
            List<ImageItem> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(SqlRows.image(rs));
                }
            }
            return out;
        }
    }

    static long[] imageIds(Connection c, ImageFilter filter) throws SQLException {
        SqlFilters f = SqlFilters.images(filter);
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id FROM images i WHERE " + f.where()
                + " ORDER BY i.id")) {
            f.bind(ps);
            LongList ids = new LongList();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.toArray();
        }
    }

    static long countImages(Connection c, ImageFilter filter) throws SQLException {
        SqlFilters f = SqlFilters.images(filter);
        return SqlSupport.queryLong(c, "SELECT count(*) FROM images i WHERE " + f.where(), f);
    }

    static Set<String> stringColumn(Connection c, String sql, long datasetId) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
