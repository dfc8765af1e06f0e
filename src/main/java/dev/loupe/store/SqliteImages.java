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

/** The dataset and image statements of the SQLite store, each run on a connection the store provides. */
final class SqliteImages {

    private static final int IN_CHUNK = 1000;

    private SqliteImages() {
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
                return rs.next() ? Optional.of(SqliteRows.dataset(rs)) : Optional.empty();
            }
        }
    }

    static List<Dataset> datasets(Connection c) throws SQLException {
        List<Dataset> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, created_at FROM datasets ORDER BY name")) {
            while (rs.next()) {
                out.add(SqliteRows.dataset(rs));
            }
        }
        return out;
    }

    static long[] addImages(Connection c, long datasetId, List<NewImage> images) throws SQLException {
        insert(c, datasetId, images, "");
        long[] ids = SqlSupport.batchIds(c, images.size());
        return ids;
    }

    static int addMissingImages(Connection c, long datasetId, List<NewImage> images) throws SQLException {
        int added = 0;
        for (int n : insert(c, datasetId, images, " ON CONFLICT (dataset_id, content_hash) DO NOTHING")) {
            added += n;
        }
        return added;
    }

    private static int[] insert(Connection c, long datasetId, List<NewImage> images, String onConflict)
            throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO images(dataset_id, path, url, relative_path, "
                + "width, height, orientation, content_hash, byte_size, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                + onConflict)) {
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
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    static List<ImageItem> images(Connection c, long[] imageIds) throws SQLException {
        if (imageIds.length == 0) {
            return List.of();
        }
        Map<Long, ImageItem> byId = new HashMap<>();
        // SQLite caps the parameters of one statement (250,000 in this build): ask in chunks, whatever the count
        for (int from = 0; from < imageIds.length; from += IN_CHUNK) {
            int n = Math.min(IN_CHUNK, imageIds.length - from);
            String marks = "?,".repeat(n);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SqliteRows.IMAGE_COLUMNS
                    + " FROM images i WHERE i.id IN (" + marks.substring(0, marks.length() - 1) + ")")) {
                for (int k = 0; k < n; k++) {
                    ps.setLong(k + 1, imageIds[from + k]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ImageItem im = SqliteRows.image(rs);
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
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqliteRows.IMAGE_COLUMNS + " FROM images i WHERE "
                + f.where() + " AND i.id > ? ORDER BY i.id LIMIT ?")) {
            int next = f.bind(ps);
            ps.setLong(next, afterId);
            ps.setInt(next + 1, limit);
            List<ImageItem> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(SqliteRows.image(rs));
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
