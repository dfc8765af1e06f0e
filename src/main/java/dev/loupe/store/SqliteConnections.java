package dev.loupe.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.sqlite.SQLiteConfig;

/**
 * One writer connection behind a lock and a few reader connections: with WAL, readers (the gallery, the
 * CLI) never wait for a long import transaction and see only committed data. Write transactions take the
 * database's write lock when they begin (BEGIN IMMEDIATE), so two processes never fail half-way by upgrading a read; a writer
 * that waits longer than the busy wait gets a {@link ProjectBusyException} naming the other writer's job.
 */
final class SqliteConnections implements Database {
    static final Duration BUSY_WAIT = Duration.ofSeconds(30);
    private static final int READERS = 3;
    private static final int SQLITE_BUSY = 5;

    private final Path file;
    private final Duration busyWait;
    private final RunningJobs runningJobs = new RunningJobs();
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;
    private int readerCount;

    SqliteConnections(Path file, Duration busyWait) throws SQLException {
        this.file = file;
        this.busyWait = busyWait;
        this.writer = open(true);
        try {
            SqliteMigrations.apply(writer, file.toString());
            for (int i = 0; i < READERS; i++) {
                readers.add(open(false));
                readerCount++;
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Connection open(boolean forWriting) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busyWait.toMillis());
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        all.add(c);
        try (Statement st = c.createStatement()) {
            if (forWriting) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
            }
            st.execute("PRAGMA foreign_keys = ON");
            st.execute("PRAGMA cache_size = -32000");
        }
        return c;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        Connection c;
        try {
            do {
                ensureOpen();
                c = readers.poll(100, TimeUnit.MILLISECONDS);
            } while (c == null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + file);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * Runs work in one transaction on the writer connection: all of it is stored, or none. Called again on
     * the same thread inside that work, it joins the running transaction.
     */
    @Override
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            if (writeLock.getHoldCount() > 1) {
                return work.run(writer);
            }
            // BEGIN IMMEDIATE by hand: the driver's commit() would begin the next transaction at once and so
            // take the write lock again between this process's transactions
            execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    execute("ROLLBACK");
                } catch (SQLException notBegun) {
                    e.addSuppressed(notBegun);
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw failure((SQLException) e);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute(sql);
        }
    }

    /** Registers a running job until the returned handle is closed. */
    @Override
    public ProjectStore.RunningJob announce(String job) {
        long id = write(c -> runningJobs.add(c, job));
        return () -> change(c -> runningJobs.remove(c, id));
    }

    private StoreException failure(SQLException e) {
        if ((e.getErrorCode() & 0xff) != SQLITE_BUSY) {
            return new StoreException(file + ": " + e.getMessage(), e);
        }
        List<String> others;
        try {
            others = read(runningJobs::others);
        } catch (StoreException unreadable) {
            others = List.of();
        }
        String who = others.isEmpty() ? "another program is writing to it"
                : "another Loupe is writing to it: " + String.join("; ", others);
        return new ProjectBusyException("project " + file.getParent() + " is busy: " + who + ". Waited "
                + busyWait.toSeconds() + " s; try again when that job has finished", e);
    }

    @Override
    public int schemaVersion() {
        return read(SqliteMigrations::version);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException(file + " is closed");
        }
    }

    /** Closes after in-flight reads and writes finish, so no query sees its connection vanish. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeLock.lock();
        try {
            // every reader back in the queue means no read is running; then none can start (closed is set)
            for (int i = 0; i < readerCount; i++) {
                if (readers.poll(30, TimeUnit.SECONDS) == null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writeLock.unlock();
        }
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close " + file, e);
            }
        }
    }
}
