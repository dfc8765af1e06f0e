package dev.loupe.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer connection behind a lock and a few reader connections: with WAL, readers (the gallery, the
 * CLI) never wait for a long import transaction and see only committed data.
 */
final class SqliteConnections implements AutoCloseable {
    private static final int READERS = 3;

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;
    private int readerCount;

    SqliteConnections(Path file) throws SQLException {
        this.file = file;
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
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        all.add(c);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            if (forWriting) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
            }
            st.execute("PRAGMA foreign_keys = ON");
            st.execute("PRAGMA cache_size = -32000");
        }
        return c;
    }

    <T> T read(SqlWork<T> work) {
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
            throw new StoreException(file + ": " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * Runs work in one transaction on the writer connection: all of it is stored, or none. Called again on
     * the same thread inside that work, it joins the running transaction.
     */
    <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            if (writeLock.getHoldCount() > 1) {
                return work.run(writer);
            }
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new StoreException(file + ": " + e.getMessage(), e);
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    int schemaVersion() {
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
