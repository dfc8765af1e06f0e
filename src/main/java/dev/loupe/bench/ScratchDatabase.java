package dev.loupe.bench;

import dev.loupe.project.TeamServer;

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
final class ScratchDatabase implements AutoCloseable {
    private final TeamServer server;
    private final String password;
    private final String name = "loupe_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<String> roles = new ArrayList<>();

    ScratchDatabase(TeamServer server) throws SQLException {
        this.server = server;
        this.password = server.password();
        admin("CREATE DATABASE " + name);
    }

    /** Empties it: dropped and made again. */
    void recreate() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin("CREATE DATABASE " + name);
    }

    /** The scratch database as a team project's address (postgresql://HOST[:PORT]/NAME). */
    TeamServer address() {
        return new TeamServer(server.url().substring(0, server.url().lastIndexOf('/') + 1) + name, server.user());
    }

    String password() {
        return password;
    }

    /** A new login role (its password is its name) in the given group roles; returns its name. */
    String login(String suffix, String groups) throws SQLException {
        String role = name + "_" + suffix;
        admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "' IN ROLE " + groups);
        roles.add(role);
        return role;
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
