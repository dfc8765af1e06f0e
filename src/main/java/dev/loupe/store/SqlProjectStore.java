package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ClusterRun;
import dev.loupe.core.Split;
import dev.loupe.core.ImageMetrics;
import dev.loupe.core.MetadataValue;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Comment;
import dev.loupe.core.Dataset;
import dev.loupe.core.DatasetSummary;
import dev.loupe.core.ImageAlias;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.StageImage;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.core.Video;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project store over SQL: the embedded SQLite file in WAL mode ({@link #open(Path)}), or a team project on a
 * PostgreSQL server ({@link #onServer}); both migrated to the latest schema on open and run the same statements.
 */
public final class SqlProjectStore implements ProjectStore {
    private final Database db;
    /** A team project's edits while its server is away; null on a local project or a server opened without one. */
    private final EditOutbox outbox;

    /** The database role of a team project's desktop; null locally. */
    private final String login;
    private final ImageBytes imageBytes;

    private SqlProjectStore(Database db, EditOutbox outbox, String login, ImageBytes imageBytes) {
        this.db = db;
        this.outbox = outbox;
        this.login = login;
        this.imageBytes = imageBytes;
    }

    /** Opens (creating if needed) the database file and migrates it. */
    public static SqlProjectStore open(Path file) {
        return open(file, SqliteConnections.BUSY_WAIT);
    }

    /**
     * A team project on a PostgreSQL server ({@code jdbc:postgresql://HOST[:PORT]/DB}) as the given role, its schema
     * brought up to date when the role may (a project at the current version opens for any member role).
     */
    public static SqlProjectStore onServer(String jdbcUrl, String user, String password) {
        PostgresConnections db = new PostgresConnections(jdbcUrl, user, password);
        // content-addressed and checked on arrival, so one shared temporary cache serves every such store
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "loupe-image-cache");
        return new SqlProjectStore(db, null, user, new ServerImageBytes(db, jdbcUrl, cache));
    }

    /**
     * As {@link #onServer(String, String, String)}, keeping review edits in {@code outbox} (a file on this computer)
     * while the server cannot be reached, and sending them when it is back (edits left there when the desktop
     * stopped are sent now), and images fetched from the server in {@code imageCache}.
     */
    public static SqlProjectStore onServer(String jdbcUrl, String user, String password, Path outbox, Path imageCache) {
        PostgresConnections db = new PostgresConnections(jdbcUrl, user, password);
        return new SqlProjectStore(db, new EditOutbox(db, user, outbox), user, new ServerImageBytes(db, jdbcUrl, imageCache));
    }

    /** As {@link #open(Path)}, waiting at most {@code busyWait} for another process's write to finish. */
    static SqlProjectStore open(Path file, java.time.Duration busyWait) {
        try {
            return new SqlProjectStore(new SqliteConnections(file, busyWait), null, null, ImageBytes.IN_PLACE);
        } catch (SQLException e) {
            throw new StoreException("cannot open project database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Dataset createDataset(String name) {
        return db.write(c -> SqlImages.createDataset(c, name));
    }

    @Override
    public RunningJob announce(String job) {
        return db.announce(job);
    }

    @Override
    public RunningJob watch(java.util.function.LongConsumer imageChanged) {
        return db.watch(imageChanged);
    }

    @Override
    public OutboxStatus outboxStatus() {
        return outbox == null ? OutboxStatus.EMPTY : outbox.status();
    }

    @Override
    public RunningJob watchOutbox(java.util.function.Consumer<OutboxStatus> listener) {
        return outbox == null ? () -> { } : outbox.watch(listener);
    }

    @Override
    public boolean mayAdminister() {
        return db.read(c -> {
            if (!SqlSupport.isPostgres(c)) {
                return true;
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_has_role('loupe_admin', "
                    + "'MEMBER') OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    @Override
    public boolean mayJudgeBoxes() {
        return db.read(c -> {
            if (!SqlSupport.isPostgres(c)) {
                return true;
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT has_column_privilege('boxes', 'status', 'UPDATE')")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    @Override
    public Dataset dataset(String name) {
        return db.write(c -> SqlImages.dataset(c, name));
    }

    @Override
    public Optional<Dataset> findDataset(String name) {
        return db.read(c -> SqlImages.findDataset(c, name));
    }

    @Override
    public List<Dataset> datasets() {
        return db.read(c -> SqlImages.datasets(c));
    }

    @Override
    public long[] addImages(long datasetId, List<NewImage> images) {
        return db.write(c -> {
            requireBytesOnServer(c, images);
            return SqlImages.addImages(c, datasetId, images);
        });
    }

    @Override
    public int addMissingImages(long datasetId, List<NewImage> images) {
        return db.write(c -> {
            requireBytesOnServer(c, images);
            return SqlImages.addMissingImages(c, datasetId, images);
        });
    }

    /** A project that keeps its images on the server takes an image only once its bytes are there. */
    private void requireBytesOnServer(Connection c, List<NewImage> images) throws SQLException {
        if (!imageBytes.onServer() || images.isEmpty()) {
            return;
        }
        Map<String, NewImage> byHash = new HashMap<>();
        images.forEach(im -> byHash.putIfAbsent(im.contentHash(), im));
        List<String> missing = ServerImages.missing(c, byHash.keySet());
        if (!missing.isEmpty()) {
            throw new StoreException(byHash.get(missing.get(0)).path() + ": its bytes are not on the server yet ("
                    + missing.size() + " of " + images.size() + " images); images of this project are stored on its "
                    + "server, so their bytes go there before them");
        }
    }

    @Override
    public Video addVideo(Video video) {
        return db.write(c -> SqlVideos.add(c, video));
    }

    @Override
    public List<Video> videos(long datasetId) {
        return db.read(c -> SqlVideos.ofDataset(c, datasetId));
    }

    @Override
    public Optional<Video> video(long videoId) {
        return db.read(c -> SqlVideos.byId(c, videoId));
    }

    @Override
    public long[] frames(long videoId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM images WHERE video_id = ? ORDER BY frame_index")) {
                ps.setLong(1, videoId);
                LongList out = new LongList();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out.toArray();
            }
        });
    }

    @Override
    public void saveTracks(long videoId, long taskId, List<dev.loupe.core.Track> tracks) {
        Map<String, Long> labelIds = new HashMap<>();
        for (dev.loupe.core.Track t : tracks) {
            labelIds.computeIfAbsent(t.label(), name -> label(name).id());
        }
        db.change(c -> SqlVideos.saveTracks(c, videoId, taskId, tracks, labelIds));
    }

    @Override
    public List<dev.loupe.core.Track> tracks(long videoId, long taskId) {
        return db.read(c -> SqlVideos.tracks(c, videoId, taskId));
    }

    @Override
    public ImageBytes imageBytes() {
        return imageBytes;
    }

    @Override
    public void keepImagesOnServer(boolean onServer) {
        if (imageBytes instanceof ServerImageBytes server) {
            server.choose(onServer);
        } else if (onServer) {
            throw new StoreException("a local project reads its images where they are; push it to a server to keep "
                    + "them there");
        }
    }

    @Override
    public void addImageAliases(long datasetId, List<NewImage> duplicates) {
        db.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_aliases(dataset_id, path, "
                    + "relative_path, image_id) SELECT ?, ?, ?, id FROM images WHERE dataset_id = ? AND content_hash = ? "
                    + "ON CONFLICT DO NOTHING")) {
                for (NewImage d : duplicates) {
                    ps.setLong(1, datasetId);
                    ps.setString(2, d.path());
                    ps.setString(3, d.relativePath());
                    ps.setLong(4, datasetId);
                    ps.setString(5, d.contentHash());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public List<ImageAlias> imageAliases(long datasetId) {
        return db.read(c -> {
            List<ImageAlias> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT path, relative_path, image_id FROM image_aliases WHERE dataset_id = ? ORDER BY path")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ImageAlias(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<ImageItem> image(long imageId) {
        List<ImageItem> found = images(new long[]{imageId});
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<ImageItem> images(long[] imageIds) {
        return db.read(c -> SqlImages.images(c, imageIds));
    }

    @Override
    public List<ImageItem> imagePage(ImageFilter filter, long afterId, int limit) {
        return db.read(c -> SqlImages.imagePage(c, filter, afterId, limit));
    }

    @Override
    public long[] imageIds(ImageFilter filter) {
        return db.read(c -> SqlImages.imageIds(c, filter));
    }

    @Override
    public long countImages(ImageFilter filter) {
        return db.read(c -> SqlImages.countImages(c, filter));
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
        return db.read(c -> SqlImages.stringColumn(c, sql, datasetId));
    }

    @Override
    public Label label(String name) {
        if (!Label.isPlainName(name)) {
            throw new IllegalArgumentException("a label name must be plain text, not empty and without control "
                    + "characters (newline, tab ...): '" + Label.printable(name) + "'");
        }
        return db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO labels(name) VALUES (?) ON CONFLICT DO NOTHING")) {
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
    public void rememberCocoIds(Map<String, Integer> idsByLabel) {
        db.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE labels SET coco_id = ? WHERE name = ? "
                    + "AND coco_id IS NULL AND NOT EXISTS (SELECT 1 FROM labels WHERE coco_id = ?)")) {
                for (Map.Entry<String, Integer> e : idsByLabel.entrySet()) {
                    ps.setInt(1, e.getValue());
                    ps.setString(2, e.getKey());
                    ps.setInt(3, e.getValue());
                    ps.executeUpdate();
                }
            }
        });
    }

    @Override
    public Map<String, Integer> cocoIds() {
        return db.read(c -> {
            Map<String, Integer> out = new java.util.HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, coco_id FROM labels WHERE coco_id IS NOT NULL")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    @Override
    public Task task(String name, String description) {
        return db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO tasks(name, description, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
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
    public Set<Long> alreadyImported(long taskId, Map<Long, Long> boxSetByImage) {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT image_id, box_set FROM imported_box_sets WHERE task_id = ?")) {
                ps.setLong(1, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Long wanted = boxSetByImage.get(rs.getLong(1));
                        if (wanted != null && wanted == rs.getLong(2)) {
                            out.add(rs.getLong(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void recordImported(long taskId, Map<Long, Long> boxSetByImage, boolean replacing) {
        db.change(c -> {
            if (replacing) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM imported_box_sets WHERE task_id = ? AND image_id = ?")) {
                    for (long image : boxSetByImage.keySet()) {
                        ps.setLong(1, taskId);
                        ps.setLong(2, image);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO imported_box_sets(task_id, image_id, box_set) VALUES (?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")) {
                for (Map.Entry<Long, Long> e : boxSetByImage.entrySet()) {
                    ps.setLong(1, taskId);
                    ps.setLong(2, e.getKey());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
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
        if (outbox == null || boxes.size() > EditOutbox.SPARE_IDS) {
            return db.write(c -> SqlBoxes.insert(c, boxes));
        }
        return outbox.add(boxes);
    }

    /** Stores a review edit now, or on a team project whose server is away, keeps it for later. */
    private Object edit(Edit edit) {
        return outbox == null ? db.write(edit::send) : outbox.write(edit);
    }

    @Override
    public List<Box> boxes(long imageId) {
        return db.read(c -> SqlBoxes.ofImage(c, imageId));
    }

    @Override
    public List<Box> boxPage(BoxQuery query, long afterId, int limit) {
        return db.read(c -> SqlBoxes.page(c, query, afterId, limit));
    }

    @Override
    public long countBoxes(BoxQuery query) {
        return db.read(c -> SqlBoxes.count(c, query));
    }

    @Override
    public void setStatus(long boxId, ReviewStatus status, String author) {
        db.change(c -> SqlBoxes.setStatus(c, boxId, status, author));
    }

    @Override
    public void markInferred(long taskId, String modelKey, long[] imageIds) {
        long now = System.currentTimeMillis();
        db.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inference_runs(task_id, model_key, "
                    + "image_id, done_at) VALUES (?, ?, ?, ?) ON CONFLICT (task_id, model_key, image_id) "
                    + "DO UPDATE SET done_at = excluded.done_at")) {
                for (long id : imageIds) {
                    ps.setLong(1, taskId);
                    ps.setString(2, modelKey);
                    ps.setLong(3, id);
                    ps.setLong(4, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public Set<Long> inferredImages(long taskId, String modelKey) {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT image_id FROM inference_runs WHERE task_id = ? AND model_key = ?")) {
                ps.setLong(1, taskId);
                ps.setString(2, modelKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Box updateBox(Box box) {
        return (Box) edit(new Edit.UpdateBox(box));
    }

    @Override
    public void deleteBox(long boxId) {
        edit(new Edit.DeleteBox(boxId));
    }

    @Override
    public void restoreBox(Box box) {
        edit(new Edit.RestoreBox(box));
    }

    @Override
    public void setImageDone(long imageId, long taskId, boolean done, String author) {
        edit(new Edit.ImageDone(imageId, taskId, done, author));
    }

    @Override
    public boolean isImageDone(long imageId, long taskId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT done FROM image_reviews WHERE image_id = ? AND task_id = ?")) {
                ps.setLong(1, imageId);
                ps.setLong(2, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    @Override
    public Set<Long> doneImages(long taskId) {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT image_id FROM image_reviews WHERE task_id = ? AND done = 1")) {
                ps.setLong(1, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long[] imagesOfTask(long taskId, Long labelId, String author, Long since, Long until) {
        return db.read(c -> SqlStages.imagesOfTask(c, taskId, labelId, author, since, until));
    }

    @Override
    public ReviewStage createStage(ReviewStage stage, long[] imageIds) {
        return db.write(c -> SqlStages.create(c, stage, imageIds));
    }

    @Override
    public List<ReviewStage> stages(long taskId) {
        return db.read(c -> SqlStages.list(c, taskId));
    }

    @Override
    public List<StageImage> stageImages(long stageId) {
        return db.read(c -> SqlStages.images(c, stageId));
    }

    @Override
    public void setVerdict(long stageId, long imageId, ReviewStatus verdict, String reviewer) {
        edit(new Edit.Verdict(stageId, imageId, verdict, reviewer));
    }

    @Override
    public void saveImageMetrics(List<ImageMetrics> metrics) {
        db.change(c -> SqlMetrics.saveImages(c, metrics));
    }

    @Override
    public void saveBoxMetrics(List<BoxMetrics> metrics) {
        db.change(c -> SqlMetrics.saveBoxes(c, metrics));
    }

    @Override
    public Set<Long> imagesWithCurrentMetrics(long datasetId) {
        return db.read(c -> SqlMetrics.currentImages(c, datasetId));
    }

    @Override
    public Set<Long> boxesWithCurrentMetrics(long datasetId) {
        return db.read(c -> SqlMetrics.currentBoxes(c, datasetId));
    }

    @Override
    public List<ImageMetrics> imageMetrics(long datasetId) {
        return db.read(c -> SqlMetrics.images(c, datasetId));
    }

    @Override
    public List<BoxMetrics> boxMetrics(long datasetId) {
        return db.read(c -> SqlMetrics.boxes(c, datasetId));
    }

    @Override
    public long saveClusterRun(ClusterRun run) {
        return db.write(c -> SqlClusters.saveRun(c, run));
    }

    @Override
    public Optional<ClusterRun> latestClusterRun(long datasetId) {
        return db.read(c -> SqlClusters.latestRun(c, datasetId));
    }

    @Override
    public void addAugmentedImages(List<AugmentedImage> images) {
        db.change(c -> SqlClusters.addAugmented(c, images));
    }

    @Override
    public List<AugmentedImage> augmentedImages(long datasetId) {
        return db.read(c -> SqlClusters.augmented(c, datasetId));
    }

    @Override
    public void saveSplit(long datasetId, Map<Long, Split> sides) {
        db.change(c -> {
            try (PreparedStatement clear = c.prepareStatement("DELETE FROM image_splits WHERE image_id IN "
                    + "(SELECT id FROM images WHERE dataset_id = ?)");
                 PreparedStatement add = c.prepareStatement("INSERT INTO image_splits(image_id, split) VALUES (?, ?)")) {
                clear.setLong(1, datasetId);
                clear.executeUpdate();
                for (Map.Entry<Long, Split> e : sides.entrySet()) {
                    add.setLong(1, e.getKey());
                    add.setString(2, e.getValue().name());
                    add.addBatch();
                }
                add.executeBatch();
            }
        });
    }

    @Override
    public Map<Long, Split> split(long datasetId) {
        return db.read(c -> {
            Map<Long, Split> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.image_id, s.split FROM image_splits s "
                    + "JOIN images i ON i.id = s.image_id WHERE i.dataset_id = ?")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), Split.valueOf(rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void saveNearDuplicates(long datasetId, List<NearDuplicate> pairs) {
        db.change(c -> {
            try (PreparedStatement clear = c.prepareStatement("DELETE FROM near_duplicates WHERE image_a IN "
                    + "(SELECT id FROM images WHERE dataset_id = ?)");
                 PreparedStatement add = c.prepareStatement("INSERT INTO near_duplicates(image_a, image_b, matched) "
                         + "VALUES (?, ?, ?)")) {
                clear.setLong(1, datasetId);
                clear.executeUpdate();
                for (NearDuplicate p : pairs) {
                    add.setLong(1, p.imageA());
                    add.setLong(2, p.imageB());
                    add.setInt(3, p.matched());
                    add.addBatch();
                }
                add.executeBatch();
            }
        });
    }

    @Override
    public List<NearDuplicate> nearDuplicates(long datasetId) {
        return db.read(c -> {
            List<NearDuplicate> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.image_a, d.image_b, d.matched FROM near_duplicates d "
                    + "JOIN images i ON i.id = d.image_a WHERE i.dataset_id = ? ORDER BY d.matched DESC, d.image_a, "
                    + "d.image_b")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NearDuplicate(rs.getLong(1), rs.getLong(2), rs.getInt(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void saveMetadata(List<MetadataValue> values) {
        db.change(c -> {
            try (PreparedStatement images = c.prepareStatement("INSERT INTO image_metadata(image_id, "
                    + "field, num_value, text_value) VALUES (?, ?, ?, ?) ON CONFLICT (image_id, field) DO UPDATE SET "
                    + "num_value = excluded.num_value, text_value = excluded.text_value");
                 PreparedStatement boxes = c.prepareStatement("INSERT INTO box_metadata(box_id, field, "
                         + "num_value, text_value) VALUES (?, ?, ?, ?) ON CONFLICT (box_id, field) DO UPDATE SET "
                         + "num_value = excluded.num_value, text_value = excluded.text_value")) {
                for (MetadataValue v : values) {
                    PreparedStatement ps = v.isBoxValue() ? boxes : images;
                    ps.setLong(1, v.isBoxValue() ? v.boxId() : v.imageId());
                    ps.setString(2, v.field());
                    ps.setObject(3, v.isNumber() ? v.number() : null);
                    ps.setString(4, v.text());
                    ps.addBatch();
                }
                images.executeBatch();
                boxes.executeBatch();
            }
        });
    }

    @Override
    public List<MetadataValue> metadata(long datasetId) {
        return db.read(c -> {
            List<MetadataValue> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.image_id, 0, m.field, m.num_value, m.text_value "
                    + "FROM image_metadata m JOIN images i ON i.id = m.image_id WHERE i.dataset_id = ? "
                    + "UNION ALL SELECT b.image_id, m.box_id, m.field, m.num_value, m.text_value FROM box_metadata m "
                    + "JOIN boxes b ON b.id = m.box_id JOIN images i ON i.id = b.image_id WHERE i.dataset_id = ? "
                    + "ORDER BY 1, 2")) {
                ps.setLong(1, datasetId);
                ps.setLong(2, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double n = rs.getDouble(4);
                        double number = rs.wasNull() ? Double.NaN : n; // ask before reading another column
                        out.add(new MetadataValue(rs.getLong(1), rs.getLong(2), rs.getString(3), number,
                                rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int deleteBoxes(long taskId, long[] imageIds) {
        return db.write(c -> SqlBoxes.delete(c, taskId, imageIds));
    }

    @Override
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return outbox == null ? db.write(c -> work.get()) : outbox.together(() -> db.write(c -> work.get()), work);
    }

    @Override
    public void assign(long taskId, long stageId, long[] imageIds, String assignee) {
        if (assignee == null || assignee.isBlank()) {
            throw new IllegalArgumentException("an assignment needs a person");
        }
        db.change(c -> SqlAssignments.assign(c, taskId, stageId, imageIds, assignee.strip(), login().orElse("")));
    }

    @Override
    public void assignAlso(long taskId, long stageId, long[] imageIds, String assignee) {
        if (assignee == null || assignee.isBlank()) {
            throw new IllegalArgumentException("an assignment needs a person");
        }
        db.change(c -> SqlAssignments.add(c, taskId, stageId, imageIds, assignee.strip(), login().orElse("")));
    }

    @Override
    public long[] sharedImages(long taskId, java.util.Collection<String> people) {
        return db.read(c -> SqlAssignments.shared(c, taskId, people));
    }

    @Override
    public List<dev.loupe.core.Assignment> assignees(long taskId, long stageId, long imageId) {
        return db.read(c -> SqlAssignments.of(c, taskId, stageId, imageId));
    }

    @Override
    public void saveConsensusSources(long[] mergedBoxIds, long[][] sources) {
        db.change(c -> SqlConsensus.saveSources(c, mergedBoxIds, sources));
    }

    @Override
    public long[] consensusSources(long mergedBoxId) {
        return db.read(c -> SqlConsensus.sources(c, mergedBoxId));
    }

    @Override
    public Map<Long, long[]> consensusSources(long taskId, long fromImageId, long toImageId) {
        return db.read(c -> SqlConsensus.sources(c, taskId, fromImageId, toImageId));
    }

    @Override
    public void plantHoneypots(long taskId, long truthTaskId, long[] imageIds) {
        db.change(c -> SqlConsensus.plant(c, taskId, truthTaskId, imageIds));
    }

    @Override
    public Map<Long, Long> honeypots(long taskId) {
        return db.read(c -> SqlConsensus.honeypots(c, taskId));
    }

    @Override
    public List<Box> taskBoxes(long taskId, long fromImageId, long toImageId) {
        return db.read(c -> SqlBoxes.ofTaskInRange(c, taskId, fromImageId, toImageId));
    }

    @Override
    public Set<Long> assignedImages(long taskId, long stageId) {
        return db.read(c -> SqlAssignments.assigned(c, taskId, stageId));
    }

    @Override
    public List<dev.loupe.core.WorkItem> openWork(String assignee) {
        return db.read(c -> SqlAssignments.open(c, assignee));
    }

    @Override
    public List<dev.loupe.core.Workload> workloads() {
        return db.read(SqlAssignments::workloads);
    }

    @Override
    public Optional<String> login() {
        return Optional.ofNullable(login);
    }

    @Override
    public Comment addComment(long imageId, Long boxId, String author, String text) {
        return (Comment) edit(new Edit.AddComment(imageId, boxId, author, text, System.currentTimeMillis()));
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
                        out.add(SqlRows.comment(rs));
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
                    ds = SqlRows.dataset(rs);
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
            long augmented;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM augmented_images a "
                    + "JOIN images i ON i.id = a.image_id WHERE i.dataset_id = ?")) {
                ps.setLong(1, datasetId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    augmented = rs.getLong(1);
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
            return new DatasetSummary(ds, images, augmented, total, bySource, byStatus);
        });
    }

    @Override
    public int schemaVersion() {
        return db.schemaVersion();
    }

    @Override
    public void close() {
        if (outbox != null) {
            outbox.close();
        }
        db.close();
    }

}
