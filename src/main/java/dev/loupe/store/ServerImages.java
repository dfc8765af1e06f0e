package dev.loupe.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The statements behind a team project's images on its server: settings, chunked bytes and previews. */
final class ServerImages {
    /** Small enough that a chunk is never a burden in memory, large enough that a photo is one or two rows. */
    static final int CHUNK = 1 << 20;
    private static final String SETTING = "image_storage";
    static final String ON_SERVER = "server";
    static final String SHARED_FOLDER = "shared-folder";

    private ServerImages() {
    }

    static boolean onServer(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM project_settings WHERE name = ?")) {
            ps.setString(1, SETTING);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && ON_SERVER.equals(rs.getString(1));
            }
        }
    }

    /** Chooses where images are kept; refused once the project holds images kept the other way. */
    static void choose(Connection c, boolean onServer, String project) throws SQLException {
        if (onServer(c) == onServer) {
            return;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM images)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new StoreException(project + " already holds images " + (onServer ? "read from a shared folder"
                        : "stored on the server") + "; where images are kept is chosen before the first import");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO project_settings (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, SETTING);
            ps.setString(2, onServer ? ON_SERVER : SHARED_FOLDER);
            ps.executeUpdate();
        }
    }

    static boolean has(Connection c, String contentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM image_blobs WHERE content_hash = ?")) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The hashes among these whose bytes are not on the server. */
    static List<String> missing(Connection c, Collection<String> contentHashes) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT h FROM unnest(?::text[]) AS h "
                + "WHERE NOT EXISTS (SELECT 1 FROM image_blobs b WHERE b.content_hash = h)")) {
            ps.setArray(1, c.createArrayOf("text", contentHashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Stores the bytes chunk by chunk, then the row that says they are complete; all in the caller's transaction. A
     * failing stream is thrown as {@link UncheckedIOException}, through the SQL layer's work interfaces.
     */
    static void upload(Connection c, String contentHash, InputStream in) throws SQLException {
        if (has(c, contentHash)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            // no wait for the disk here: the image's row is committed later, synchronously, and the server flushes its
            // log in order, so once the row is safe so are these bytes; a crash before that loses neither a row nor
            // bytes a row needs
            st.execute("SET LOCAL synchronous_commit = off");
        }
        long size = 0;
        int seq = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_chunks (content_hash, seq, data) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            byte[] chunk;
            while ((chunk = readChunk(in)).length > 0) {
                ps.setString(1, contentHash);
                ps.setInt(2, seq++);
                ps.setBytes(3, chunk);
                ps.executeUpdate();
                size += chunk.length;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_blobs (content_hash, byte_size, chunks) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, contentHash);
            ps.setLong(2, size);
            ps.setInt(3, seq);
            ps.executeUpdate();
        }
    }

    private static byte[] readChunk(InputStream in) {
        try {
            return in.readNBytes(CHUNK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the bytes to {@code out} one chunk at a time; false when the server has none under this hash. A failing
     * stream is thrown as {@link UncheckedIOException}.
     */
    static boolean download(Connection c, String contentHash, OutputStream out) throws SQLException {
        int chunks;
        // the count and the first chunk in one round trip: most photos are one chunk
        try (PreparedStatement ps = c.prepareStatement("SELECT b.chunks, k.data FROM image_blobs b "
                + "LEFT JOIN image_chunks k ON k.content_hash = b.content_hash AND k.seq = 0 WHERE b.content_hash = ?")) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                chunks = rs.getInt(1);
                if (chunks > 0) {
                    copy(rs, contentHash, 0, out);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM image_chunks WHERE content_hash = ? AND seq = ?")) {
            for (int seq = 1; seq < chunks; seq++) {
                ps.setString(1, contentHash);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    copy(rs.next() ? rs : null, contentHash, seq, out);
                }
            }
        }
        return true;
    }

    /** Writes the chunk in the row's last column to {@code out}; a missing chunk is an error that names it. */
    private static void copy(ResultSet row, String contentHash, int seq, OutputStream out) throws SQLException {
        int column = row == null ? 0 : row.getMetaData().getColumnCount();
        try (InputStream in = row == null ? null : row.getBinaryStream(column)) {
            if (in == null) {
                throw new SQLException("chunk " + seq + " of image " + contentHash + " is missing on the server");
            }
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where an image fetched from the server is kept in {@code folder}: by content hash, with the extension of its file
     * name, so the copy opens like the original in other programs.
     */
    static Path fileIn(Path folder, String contentHash, String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot > 0 && fileName.length() - dot <= 6 ? fileName.substring(dot).toLowerCase(Locale.ROOT) : "";
        return folder.resolve(contentHash.substring(0, 2)).resolve(contentHash + ext);
    }

    /**
     * Fetches the bytes into {@code target} (written aside, checked against their hash, then moved there, so a file
     * there is always complete); false when the server has none. A failing file is thrown as {@link UncheckedIOException}.
     */
    static boolean fetch(Connection c, String contentHash, Path target) throws SQLException {
        try {
            Path dir = target.getParent();
            if (!Files.isDirectory(dir)) { // asked first: creating what exists costs a failed call and an exception
                Files.createDirectories(dir);
            }
            // named for this process and thread, so no one else writes it: one open instead of a temporary file's two
            Path part = dir.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Thread.currentThread().getId() + ".part");
            try {
                MessageDigest sha256 = sha256();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha256)) {
                    if (!download(c, contentHash, out)) {
                        return false;
                    }
                }
                if (!HexFormat.of().formatHex(sha256.digest()).equals(contentHash)) {
                    throw new IOException("the bytes the server sent for " + target.getFileName()
                            + " do not match its content hash");
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static Optional<byte[]> thumbnail(Connection c, String contentHash, int maxSidePx) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT jpeg FROM image_thumbnails "
                + "WHERE content_hash = ? AND max_side = ?")) {
            ps.setString(1, contentHash);
            ps.setInt(2, maxSidePx);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    static void saveThumbnail(Connection c, String contentHash, int maxSidePx, byte[] jpeg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_thumbnails (content_hash, max_side, jpeg) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, contentHash);
            ps.setInt(2, maxSidePx);
            ps.setBytes(3, jpeg);
            ps.executeUpdate();
        }
    }
}
