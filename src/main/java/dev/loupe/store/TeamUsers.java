package dev.loupe.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The people of a team project: login roles on its PostgreSQL server, each in one of Loupe's group roles. Managing
 * them takes an admin whose own role may create roles (CREATEROLE); the server refuses anyone else.
 */
public final class TeamUsers {

    /** What a person may do in team projects, as a group role on the server. */
    public enum Role {
        ANNOTATOR, REVIEWER, ADMIN;

        String group() {
            return "loupe_" + name().toLowerCase(Locale.ROOT);
        }

        static Role ofGroup(String group) {
            return valueOf(group.substring("loupe_".length()).toUpperCase(Locale.ROOT));
        }
    }

    /** A person and their role. */
    public record User(String name, Role role) {
    }

    private final String jdbcUrl;
    private final String admin;
    private final String password;

    public TeamUsers(String jdbcUrl, String admin, String password) {
        this.jdbcUrl = jdbcUrl;
        this.admin = admin;
        this.password = password;
    }

    /** Adds a person who logs in with {@code newPassword}; admins may manage people in turn. */
    public void add(String name, Role role, String newPassword) {
        String id = identifier(name);
        if (newPassword == null || newPassword.isEmpty()) {
            throw new IllegalArgumentException("a new user needs a password");
        }
        run(st -> st.execute("CREATE ROLE " + id + " LOGIN" + (role == Role.ADMIN ? " CREATEROLE" : "")
                + " PASSWORD " + literal(newPassword) + " IN ROLE " + role.group()));
    }

    /** Moves a person to another role. */
    public void setRole(String name, Role role) {
        String id = identifier(name);
        run(st -> {
            for (Role r : Role.values()) {
                if (r != role) {
                    st.execute("REVOKE " + r.group() + " FROM " + id);
                }
            }
            st.execute("GRANT " + role.group() + " TO " + id);
            st.execute("ALTER ROLE " + id + (role == Role.ADMIN ? " CREATEROLE" : " NOCREATEROLE"));
        });
    }

    /** Everyone in one of Loupe's roles, by name. */
    public List<User> list() {
        List<User> out = new ArrayList<>();
        run(st -> {
            try (ResultSet rs = st.executeQuery("SELECT r.rolname, g.rolname FROM pg_auth_members m "
                    + "JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
                    + "WHERE g.rolname IN ('loupe_annotator', 'loupe_reviewer', 'loupe_admin') AND r.rolcanlogin "
                    + "ORDER BY r.rolname, g.rolname")) {
                while (rs.next()) {
                    out.add(new User(rs.getString(1), Role.ofGroup(rs.getString(2))));
                }
            }
        });
        return out;
    }

    @FunctionalInterface
    private interface Work {
        void run(Statement st) throws SQLException;
    }

    private void run(Work work) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, admin, password); Statement st = c.createStatement()) {
            work.run(st);
        } catch (SQLException e) {
            throw new StoreException(jdbcUrl + " as " + admin + ": " + e.getMessage(), e);
        }
    }

    /** A role name as PostgreSQL takes it unquoted: lower-case letters, digits and underscores. */
    private static String identifier(String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("user name '" + name + "' (expected lower-case letters, digits and "
                    + "underscores, starting with a letter)");
        }
        return name;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
