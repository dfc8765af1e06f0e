package dev.loupe.store;

import dev.loupe.core.KeyBox;
import dev.loupe.core.Track;
import dev.loupe.core.Video;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clips and their tracks. */
final class SqlVideos {
    private static final String COLUMNS = "id, dataset_id, path, relative_path, content_hash, width, height, fps, frames, "
            + "duration, codec";

    private SqlVideos() {
    }

    static Video add(Connection c, Video v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO videos(dataset_id, path, relative_path, content_hash, "
                + "width, height, fps, frames, duration, codec, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (dataset_id, content_hash) DO NOTHING")) {
            ps.setLong(1, v.datasetId());
            ps.setString(2, v.path());
            ps.setString(3, v.relativePath());
            ps.setString(4, v.contentHash());
            ps.setInt(5, v.widthPx());
            ps.setInt(6, v.heightPx());
            ps.setDouble(7, v.fps());
            ps.setInt(8, v.frames());
            ps.setDouble(9, v.duration());
            ps.setString(10, v.codec());
            ps.setLong(11, System.currentTimeMillis());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM videos WHERE dataset_id = ? "
                + "AND content_hash = ?")) {
            ps.setLong(1, v.datasetId());
            ps.setString(2, v.contentHash());
            return list(ps).get(0);
        }
    }

    static List<Video> ofDataset(Connection c, long datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM videos WHERE dataset_id = ? ORDER BY id")) {
            ps.setLong(1, datasetId);
            return list(ps);
        }
    }

    static Optional<Video> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM videos WHERE id = ?")) {
            ps.setLong(1, id);
            return list(ps).stream().findFirst();
        }
    }

    private static List<Video> list(PreparedStatement ps) throws SQLException {
        List<Video> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Video(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getInt(7), rs.getDouble(8), rs.getInt(9), rs.getDouble(10), rs.getString(11)));
            }
        }
        return out;
    }

    /** Replaces the task's tracks in the clip; labels by name (created when new). */
    static void saveTracks(Connection c, long videoId, long taskId, List<Track> tracks, Map<String, Long> labelIds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tracks WHERE video_id = ? AND task_id = ?")) {
            ps.setLong(1, videoId);
            ps.setLong(2, taskId);
            ps.executeUpdate();
        }
        try (PreparedStatement track = SqlSupport.prepareInsert(c, "INSERT INTO tracks(video_id, task_id, label_id, "
                + "track_no) VALUES (?, ?, ?, ?)");
             PreparedStatement key = c.prepareStatement("INSERT INTO track_keys(track_id, frame, x, y, w, h, outside) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Track t : tracks) {
                track.setLong(1, videoId);
                track.setLong(2, taskId);
                track.setLong(3, labelIds.get(t.label()));
                track.setLong(4, t.id());
                track.addBatch();
            }
            track.executeBatch();
            long[] ids = SqlSupport.batchIds(c, track, tracks.size());
            for (int i = 0; i < tracks.size(); i++) {
                for (KeyBox k : tracks.get(i).keyFrames()) {
                    key.setLong(1, ids[i]);
                    key.setInt(2, k.frame());
                    key.setDouble(3, k.x());
                    key.setDouble(4, k.y());
                    key.setDouble(5, k.w());
                    key.setDouble(6, k.h());
                    key.setInt(7, k.outside() ? 1 : 0);
                    key.addBatch();
                }
            }
            key.executeBatch();
        }
    }

    static List<Track> tracks(Connection c, long videoId, long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.track_no, l.name, k.frame, k.x, k.y, k.w, k.h, k.outside "
                + "FROM tracks t JOIN labels l ON l.id = t.label_id JOIN track_keys k ON k.track_id = t.id "
                + "WHERE t.video_id = ? AND t.task_id = ? ORDER BY t.track_no, k.frame")) {
            ps.setLong(1, videoId);
            ps.setLong(2, taskId);
            Map<Long, List<KeyBox>> keys = new LinkedHashMap<>();
            Map<Long, String> labels = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long no = rs.getLong(1);
                    labels.putIfAbsent(no, rs.getString(2));
                    keys.computeIfAbsent(no, k -> new ArrayList<>()).add(new KeyBox(rs.getInt(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getInt(8) == 1));
                }
            }
            List<Track> out = new ArrayList<>();
            keys.forEach((no, k) -> out.add(new Track(no, labels.get(no), k)));
            return out;
        }
    }
}
