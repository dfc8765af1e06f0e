package dev.loupe.store;


import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of a benchmark's own on the server the user names (beside the database in the URL), with any login
 * roles it makes; closing drops them all. The user must be allowed to create databases and roles.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final dev.loupe.project.TeamServer server;
    private final String password;
    private final String name = "loupe_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<String> roles = new ArrayList<>();

    public ScratchDatabase(dev.loupe.project.TeamServer server) throws SQLException {
        this.server = server;
        this.password = server.password();
        admin("CREATE DATABASE " + name);
    }

    /** Empties it: dropped and made again. */
    public void recreate() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin("CREATE DATABASE " + name);
    }

    /** The scratch database as a team project's address (postgresql://HOST[:PORT]/NAME). */
    public dev.loupe.project.TeamServer address() {
        return new dev.loupe.project.TeamServer(server.url().substring(0, server.url().lastIndexOf('/') + 1) + name, server.user());
    }

    public String password() {
        return password;
    }

    /** A new login role (its password is its name) in the given group roles; returns its name. */
    public String login(String suffix, String groups) throws SQLException {
        String role = name + "_" + suffix;
        admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "' IN ROLE " + groups);
        roles.add(role);
        return role;
    }

    /** A box's stored version, x and status, by id: what a benchmark checks its acknowledged edits against. */
    public record StoredBox(long version, double x, String status) {
    }

    public java.util.Map<Long, StoredBox> storedBoxes() throws SQLException {
        java.util.Map<Long, StoredBox> out = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(address().jdbcUrl(), server.user(), password);
             Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT id, version, x, status FROM boxes")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new StoredBox(rs.getLong(2), rs.getDouble(3), rs.getString(4)));
            }
        }
        return out;
    }

    public java.util.Set<Long> commentIds() throws SQLException {
        java.util.Set<Long> out = new java.util.HashSet<>();
        try (Connection c = DriverManager.getConnection(address().jdbcUrl(), server.user(), password);
             Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT id FROM comments")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /**
     * As {@code role} (made by {@link #login}), one-statement updates of random boxes, each committed on its own,
     * until {@code endNanos}; returns how many. The server's own pace for a committed write.
     */
    public long rawUpdates(String role, long[] boxIds, long endNanos, java.util.Random random) throws SQLException {
        long n = 0;
        try (Connection c = DriverManager.getConnection(address().jdbcUrl(), role, role);
             java.sql.PreparedStatement ps = c.prepareStatement("UPDATE boxes SET status = 'ACCEPTED' WHERE id = ?")) {
            while (System.nanoTime() < endNanos) {
                ps.setLong(1, boxIds[random.nextInt(boxIds.length)]);
                ps.executeUpdate();
                n++;
            }
        }
        return n;
    }

    /**
     * Reads every stored image's bytes with one plain query per image into memory, nothing else done with them;
     * returns how many bytes. The server's own pace for handing out image bytes.
     */
    public long rawImageReads() throws SQLException {
        long bytes = 0;
        try (Connection c = DriverManager.getConnection(address().jdbcUrl(), server.user(), password);
             Statement st = c.createStatement();
             java.sql.ResultSet hashes = st.executeQuery("SELECT content_hash FROM image_blobs");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT data FROM image_chunks WHERE content_hash = ? "
                     + "ORDER BY seq")) {
            while (hashes.next()) {
                ps.setString(1, hashes.getString(1));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bytes += rs.getBytes(1).length;
                    }
                }
            }
        }
        return bytes;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), password);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        for (String role : roles) {
            admin("DROP ROLE IF EXISTS " + role);
        }
    }
}
