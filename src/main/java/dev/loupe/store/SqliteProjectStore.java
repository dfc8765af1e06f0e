package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Comment;
import dev.loupe.core.Dataset;
import dev.loupe.core.DatasetSummary;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The embedded project store: one SQLite file in WAL mode, migrated to the latest schema on open. */
public final class SqliteProjectStore implements ProjectStore {
    private final SqliteConnections db;

    private SqliteProjectStore(SqliteConnections db) {
        this.db = db;
    }

    /** Opens (creating if needed) the database file and migrates it. */
    public static SqliteProjectStore open(Path file) {
        try {
            return new SqliteProjectStore(new SqliteConnections(file));
        } catch (SQLException e) {
            throw new StoreException("cannot open project database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Dataset createDataset(String name) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO datasets(name, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setLong(2, now);
                ps.executeUpdate();
                return new Dataset(generatedKey(ps), name, Instant.ofEpochMilli(now));
            }
        });
    }

    @Override
    public Optional<Dataset> findDataset(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM datasets WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(SqliteRows.dataset(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Dataset> datasets() {
        return db.read(c -> {
            List<Dataset> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, name, created_at FROM datasets ORDER BY name")) {
                while (rs.next()) {
                    out.add(SqliteRows.dataset(rs));
                }
            }
            return out;
        });
    }

    @Override
    public long[] addImages(long datasetId, List<NewImage> images) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO images(dataset_id, path, url, relative_path, "
                    + "width, height, orientation, content_hash, byte_size, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
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
                ps.executeBatch();
            }
            long[] ids = batchIds(c, images.size());
            return ids;
        });
    }

    @Override
    public Optional<ImageItem> image(long imageId) {
        List<ImageItem> found = images(new long[]{imageId});
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<ImageItem> images(long[] imageIds) {
        if (imageIds.length == 0) {
            return List.of();
        }
        return db.read(c -> {
            Map<Long, ImageItem> byId = new HashMap<>();
            String marks = "?,".repeat(imageIds.length);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SqliteRows.IMAGE_COLUMNS
                    + " FROM images i WHERE i.id IN (" + marks.substring(0, marks.length() - 1) + ")")) {
                for (int k = 0; k < imageIds.length; k++) {
                    ps.setLong(k + 1, imageIds[k]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ImageItem im = SqliteRows.image(rs);
                        byId.put(im.id(), im);
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
        });
    }

    @Override
    public List<ImageItem> imagePage(ImageFilter filter, long afterId, int limit) {
        SqlFilters f = SqlFilters.images(filter);
        return db.read(c -> {
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
        });
    }

    @Override
    public long[] imageIds(ImageFilter filter) {
        SqlFilters f = SqlFilters.images(filter);
        return db.read(c -> {
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
        });
    }

    @Override
    public long countImages(ImageFilter filter) {
        SqlFilters f = SqlFilters.images(filter);
        return db.read(c -> queryLong(c, "SELECT count(*) FROM images i WHERE " + f.where(), f));
    }

    @Override
    public Set<String> imagePaths(long datasetId) {
        return stringColumn("SELECT path FROM images WHERE dataset_id = ?", datasetId);
    }

    @Override
    public Set<String> imageHashes(long datasetId) {
        return stringColumn("SELECT content_hash FROM images WHERE dataset_id = ?", datasetId);
    }

    private Set<String> stringColumn(String sql, long datasetId) {
        return db.read(c -> {
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
        });
    }

    @Override
    public Label label(String name) {
        return db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT OR IGNORE INTO labels(name) VALUES (?)")) {
                ins.setString(1, name);
                ins.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM labels WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Label(rs.getLong(1), name);
                }
            }
        });
    }

    @Override
    public List<Label> labels() {
        return db.read(c -> {
            List<Label> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM labels ORDER BY id")) {
                while (rs.next()) {
                    out.add(new Label(rs.getLong(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    @Override
    public Task task(String name, String description) {
        return db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT OR IGNORE INTO tasks(name, description, created_at) VALUES (?, ?, ?)")) {
                ins.setString(1, name);
                ins.setString(2, description == null ? "" : description);
                ins.setLong(3, System.currentTimeMillis());
                ins.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, description FROM tasks WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Task(rs.getLong(1), name, rs.getString(2));
                }
            }
        });
    }

    @Override
    public List<Task> tasks() {
        return db.read(c -> {
            List<Task> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, name, description FROM tasks ORDER BY id")) {
                while (rs.next()) {
                    out.add(new Task(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    @Override
    public long[] addBoxes(List<NewBox> boxes) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO boxes(image_id, task_id, label_id, x, y, w, h, "
                    + "source, score, status, author, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
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
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            long[] ids = batchIds(c, boxes.size());
            return ids;
        });
    }

    @Override
    public List<Box> boxes(long imageId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SqliteRows.BOX_COLUMNS
                    + " FROM boxes b WHERE b.image_id = ? ORDER BY b.id")) {
                ps.setLong(1, imageId);
                return boxList(ps, 16);
            }
        });
    }

    @Override
    public List<Box> boxPage(BoxQuery query, long afterId, int limit) {
        SqlFilters f = SqlFilters.boxes(query);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SqliteRows.BOX_COLUMNS
                    + " FROM boxes b JOIN images i ON i.id = b.image_id WHERE " + f.where()
                    + " AND b.id > ? ORDER BY b.id LIMIT ?")) {
                int next = f.bind(ps);
                ps.setLong(next, afterId);
                ps.setInt(next + 1, limit);
                return boxList(ps, limit);
            }
        });
    }

    @Override
    public long countBoxes(BoxQuery query) {
        SqlFilters f = SqlFilters.boxes(query);
        return db.read(c -> queryLong(c,
                "SELECT count(*) FROM boxes b JOIN images i ON i.id = b.image_id WHERE " + f.where(), f));
    }

    @Override
    public void setStatus(long boxId, ReviewStatus status, String author) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE boxes SET status = ?, author = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, author == null ? "" : author);
                ps.setLong(3, System.currentTimeMillis());
                ps.setLong(4, boxId);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("no box with id " + boxId);
                }
                return null;
            }
        });
    }

    @Override
    public Comment addComment(long imageId, Long boxId, String author, String text) {
        long now = System.currentTimeMillis();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO comments(image_id, box_id, author, text, created_at) VALUES (?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, imageId);
                ps.setObject(2, boxId);
                ps.setString(3, author == null ? "" : author);
                ps.setString(4, text);
                ps.setLong(5, now);
                ps.executeUpdate();
                return new Comment(generatedKey(ps), imageId, boxId, author, text, Instant.ofEpochMilli(now));
            }
        });
    }

    @Override
    public List<Comment> comments(long imageId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, image_id, box_id, author, text, created_at "
                    + "FROM comments WHERE image_id = ? ORDER BY id")) {
                ps.setLong(1, imageId);
                List<Comment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(SqliteRows.comment(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public DatasetSummary summary(long datasetId) {
        return db.read(c -> {
            Dataset ds;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM datasets WHERE id = ?")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("no dataset with id " + datasetId);
                    }
                    ds = SqliteRows.dataset(rs);
                }
            }
            long images;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM images WHERE dataset_id = ?")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    images = rs.getLong(1);
                }
            }
            Map<Source, Long> bySource = new EnumMap<>(Source.class);
            Map<ReviewStatus, Long> byStatus = new EnumMap<>(ReviewStatus.class);
            for (Source s : Source.values()) {
                bySource.put(s, 0L);
            }
            for (ReviewStatus s : ReviewStatus.values()) {
                byStatus.put(s, 0L);
            }
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT b.source, b.status, count(*) FROM boxes b "
                    + "JOIN images i ON i.id = b.image_id WHERE i.dataset_id = ? GROUP BY b.source, b.status")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        bySource.merge(Source.valueOf(rs.getString(1)), n, Long::sum);
                        byStatus.merge(ReviewStatus.valueOf(rs.getString(2)), n, Long::sum);
                        total += n;
                    }
                }
            }
            return new DatasetSummary(ds, images, total, bySource, byStatus);
        });
    }

    @Override
    public int schemaVersion() {
        return db.schemaVersion();
    }

    @Override
    public void close() {
        db.close();
    }

    private static List<Box> boxList(PreparedStatement ps, int expected) throws SQLException {
        List<Box> out = new ArrayList<>(expected);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(SqliteRows.box(rs));
            }
        }
        return out;
    }

    private static long queryLong(Connection c, String sql, SqlFilters f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            f.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Ids of the {@code n} rows just inserted by one batch. The batch ran inside this transaction on the only
     * writer connection, so its rowids are consecutive and end at last_insert_rowid().
     */
    private static long[] batchIds(Connection c, int n) throws SQLException {
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            long last = rs.getLong(1);
            for (int k = 0; k < n; k++) {
                ids[k] = last - n + 1 + k;
            }
        }
        return ids;
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }
}
