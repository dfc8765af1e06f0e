package dev.loupe.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real PostgreSQL server for the team-project tests: {@code $LOUPE_TEST_POSTGRES}, a JDBC URL with a user that may
 * create databases and roles (CI starts Debian's server and sets it), else the local server as {@code loupe_ci}.
 * Each test gets a new database and login roles of its own, all dropped when it closes.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String VARIABLE = "LOUPE_TEST_POSTGRES";
    private static final String LOCAL = "jdbc:postgresql://localhost:5432/postgres?user=loupe_ci&password=loupe_ci";

    private final String adminUrl;
    /** jdbc:postgresql://HOST:PORT, and the admin URL's ?user=…&password=… */
    private final String serverUrl;
    private final String adminQuery;
    private final String database = "loupe_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> roles = new ArrayList<>();

    private PostgresServer(String adminUrl) {
        this.adminUrl = adminUrl;
        int query = adminUrl.indexOf('?');
        String server = query < 0 ? adminUrl : adminUrl.substring(0, query);
        this.serverUrl = server.substring(0, server.lastIndexOf('/'));
        this.adminQuery = query < 0 ? "" : adminUrl.substring(query);
    }

    /** A new, empty database on the server; the test skips (fails under CI) when no server answers. */
    public static PostgresServer freshDatabase() throws SQLException {
        String configured = System.getenv(VARIABLE);
        String url = configured != null && !configured.isBlank() ? configured : LOCAL;
        boolean reachable;
        try (Connection c = DriverManager.getConnection(url)) {
            reachable = c.isValid(5);
        } catch (SQLException e) {
            reachable = false;
        }
        Required.resource(reachable, "no PostgreSQL server at " + url.replaceAll("password=[^&]*", "password=…")
                + ": set " + VARIABLE + " to a JDBC URL whose user may create databases and roles");
        PostgresServer server = new PostgresServer(url);
        server.admin("CREATE DATABASE " + server.database);
        return server;
    }

    /** The new database as the administrating user. */
    public Connection asAdmin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl() + adminQuery);
    }

    /**
     * A new login role in {@code group} (e.g. loupe_annotator); returns its name. The group is made as the server
     * schema makes it, for a test that logs in before any project was created on a new server.
     */
    public String login(String group) throws SQLException {
        admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + group + "') THEN CREATE ROLE "
                + group + " NOLOGIN; END IF; END $$");
        String name = group.replace("loupe_", "") + "_" + UUID.randomUUID().toString().substring(0, 8);
        admin("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "' IN ROLE " + group);
        roles.add(name);
        return name;
    }

    /** The new database's JDBC URL, without user or password. */
    public String jdbcUrl() {
        return serverUrl + "/" + database;
    }

    /** Lets {@code role} create the project's tables, as the admin who makes a team project does. */
    public void grantSchema(String role) throws SQLException {
        try (Connection c = asAdmin(); Statement st = c.createStatement()) {
            st.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + role);
            st.execute("ALTER ROLE " + role + " CREATEROLE");
        }
    }

    /** The new database as a role made by {@link #login}. */
    public Connection as(String role) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, role);
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        for (String role : roles) {
            admin("DROP ROLE IF EXISTS " + role);
        }
    }
}
