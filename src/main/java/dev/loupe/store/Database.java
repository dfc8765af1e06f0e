package dev.loupe.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a project's rows live: the embedded SQLite file or a PostgreSQL server. Both run the same statements
 * (standard SQL, upserts as ON CONFLICT); they differ in connections, transactions and schema scripts.
 */
interface Database extends AutoCloseable {

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface SqlAction {
        void run(Connection c) throws SQLException;
    }

    /** Runs a read; it sees committed data. */
    <T> T read(SqlWork<T> work);

    /**
     * Runs work in one transaction: all of it is stored, or none. Called again on the same thread inside that work,
     * it joins the running transaction.
     */
    <T> T write(SqlWork<T> work);

    /** {@link #write} for work that returns nothing. */
    default void change(SqlAction action) {
        write(c -> {
            action.run(c);
            return null;
        });
    }

    /** Registers a running job until the returned handle is closed. */
    ProjectStore.RunningJob announce(String job);

    /** Reports changed images until closed (see {@link ProjectStore#watch}); nothing on a single-desk database. */
    default ProjectStore.RunningJob watch(java.util.function.LongConsumer imageChanged) {
        return () -> { };
    }

    int schemaVersion();

    @Override
    void close();
}
