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
        // a server that went away is noticed within moments, so the edits of the moment go to the outbox instead of
        // keeping the person waiting
        config.setConnectionTimeout(1500);
        // the gallery's filters are prepared statements run again and again; a plan made for the given values (which
        // label, which status) keeps a filtered page at a millisecond where the generic plan scans every match
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        config.addDataSourceProperty("connectTimeout", "3");
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
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
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
            throw failure(e);
        }
    }

    /** Rolls back after {@code failure}; a connection already lost cannot, and the failure says why. */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The store's exception for a failed statement: the server's absence told apart from its refusal. */
    private StoreException failure(SQLException e) {
        return ServerUnreachableException.isConnectionLoss(e)
                ? new ServerUnreachableException("the server of team project " + name + " cannot be reached: "
                        + rootMessage(e), e)
                : new StoreException(name + ": " + e.getMessage(), e);
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
                    rollback(c, e);
                    throw e;
                } finally {
                    writing.remove();
                    if (!c.isClosed()) {
                        c.setAutoCommit(true);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Registers a running job; when it ends, the server's planner statistics are brought up to date: a job writes in
     * bulk (an import, pre-annotation), and the gallery's filtered pages, queried at once, would otherwise be planned
     * for the tables as they were (a page taking 50 ms instead of 1). Only the tables' owner may; for others the
     * server skips it and its own autovacuum catches up within a minute.
     */
    @Override
    public ProjectStore.RunningJob announce(String job) {
        long id = write(c -> runningJobs.add(c, job));
        return () -> {
            change(c -> runningJobs.remove(c, id));
            change(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE images, boxes, image_metrics, box_metrics");
                }
            });
        };
    }

    /**
     * Listens on the server's change channel with a connection of its own and hands each changed image's id to
     * {@code imageChanged} from a daemon thread. When the server goes away the thread listens again once it is back
     * and then reports 0: any image may have changed meanwhile. Closing stops the thread and returns the connection.
     */
    @Override
    public ProjectStore.RunningJob watch(java.util.function.LongConsumer imageChanged) {
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Connection> listening =
                new java.util.concurrent.atomic.AtomicReference<>(listen());
        Thread listener = new Thread(() -> {
            while (open.get()) {
                try {
                    org.postgresql.PGNotification[] changes =
                            listening.get().unwrap(org.postgresql.PGConnection.class).getNotifications(250);
                    if (changes != null) {
                        for (org.postgresql.PGNotification n : changes) {
                            imageChanged.accept(Long.parseLong(n.getParameter()));
                        }
                    }
                } catch (SQLException e) {
                    if (!open.get()) {
                        return;
                    }
                    closeQuietly(listening.get());
                    org.slf4j.LoggerFactory.getLogger(PostgresConnections.class)
                            .warn("{}: lost the change channel ({}); listening again when the server is back", name,
                                    e.getMessage());
                    listening.set(listenAgain(open));
                    if (listening.get() != null) {
                        imageChanged.accept(0);
                    }
                }
            }
        }, "loupe-changes");
        listener.setDaemon(true);
        listener.start();
        return () -> {
            open.set(false);
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(listening.get());
        };
    }

    private Connection listen() {
        try {
            Connection c = pool.getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN loupe_changes");
            }
            return c;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Tries to listen again every second until it can or {@code open} turns false (then null). */
    private Connection listenAgain(java.util.concurrent.atomic.AtomicBoolean open) {
        while (open.get()) {
            try {
                return listen();
            } catch (ServerUnreachableException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection: the pool drops it
            }
        }
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
