package dev.loupe.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A team project on a PostgreSQL server: a small pool of connections as the logged-in person's own role. Writes run
 * in a transaction on one connection (nested writes on the same thread join it, and reads inside a write see it);
 * other reads and writes run concurrently, as the server's MVCC allows.
 */
final class PostgresConnections implements Database {
    private final String name;
    private final HikariDataSource pool;
    private final RunningJobs runningJobs = new RunningJobs();
    private final ThreadLocal<Connection> writing = new ThreadLocal<>();

    PostgresConnections(String jdbcUrl, String user, String password) {
        this.name = jdbcUrl.replaceAll("password=[^&]*", "password=…");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("loupe-team-project");
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String why = "cannot open team project " + name + " as " + user + ": " + rootMessage(e);
            throw isLoginRefused(e) ? new LoginRefusedException(why, e) : new StoreException(why, e);
        }
        try (Connection c = pool.getConnection()) {
            PostgresMigrations.apply(c, name);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof StoreException se ? se : new StoreException(name + ": " + e.getMessage(), e);
        }
    }

    /** The server's own reason, not the pool's wrapping of it. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Invalid password (28P01), or none given when the server asked for one (08004). */
    private static boolean isLoginRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && ("28P01".equals(s.getSQLState()) || "08004".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        Connection inWrite = writing.get();
        try {
            if (inWrite != null) {
                return work.run(inWrite);
            }
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new StoreException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        Connection inWrite = writing.get();
        try {
            if (inWrite != null) {
                return work.run(inWrite);
            }
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                writing.set(c);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    writing.remove();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ProjectStore.RunningJob announce(String job) {
        long id = write(c -> runningJobs.add(c, job));
        return () -> write(c -> {
            runningJobs.remove(c, id);
            return null;
        });
    }

    /**
     * Listens on the server's change channel with a connection of its own and hands each changed image's id to
     * {@code imageChanged} from a daemon thread; closing stops the thread and returns the connection.
     */
    @Override
    public ProjectStore.RunningJob watch(java.util.function.LongConsumer imageChanged) {
        Connection c;
        org.postgresql.PGConnection pg;
        try {
            c = pool.getConnection();
            pg = c.unwrap(org.postgresql.PGConnection.class);
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN loupe_changes");
            }
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot listen for changes: " + e.getMessage(), e);
        }
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread listener = new Thread(() -> {
            while (open.get()) {
                try {
                    org.postgresql.PGNotification[] changes = pg.getNotifications(250);
                    if (changes != null) {
                        for (org.postgresql.PGNotification n : changes) {
                            imageChanged.accept(Long.parseLong(n.getParameter()));
                        }
                    }
                } catch (SQLException e) {
                    if (open.get()) {
                        org.slf4j.LoggerFactory.getLogger(PostgresConnections.class)
                                .warn("{}: stopped listening for changes: {}", name, e.getMessage());
                    }
                    return;
                }
            }
        }, "loupe-changes");
        listener.setDaemon(true);
        listener.start();
        return () -> {
            open.set(false);
            try {
                listener.join(2000);
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                throw new StoreException(name + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public int schemaVersion() {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(version) FROM loupe_schema")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
