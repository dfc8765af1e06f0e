package dev.loupe.store;

import dev.loupe.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store contract on a real PostgreSQL server, as an admin of a team project (a fresh database per test). */
class PostgresProjectStoreTest extends ProjectStoreContract {
    private PostgresServer server;
    private String admin;

    @BeforeEach
    void server() throws SQLException {
        server = PostgresServer.freshDatabase();
        admin = server.login("loupe_admin");
        server.grantSchema(admin);
    }

    @AfterEach
    void drop() throws SQLException {
        if (server != null) { // null when the server was missing and the test skipped
            server.close();
        }
    }

    @Override
    SqlProjectStore open() {
        SqlProjectStore store = SqlProjectStore.onServer(server.jdbcUrl(), admin, admin);
        store.keepImagesOnServer(false); // the contract's images are names only (images on the server: ServerImagesTest)
        return store;
    }

    @Override
    String recordedAuthor(String claimed) {
        return admin; // the server records who is logged in, whatever the client claims
    }

    @Test
    void opensAtTheLatestSchema() {
        try (SqlProjectStore store = open()) {
            assertEquals(PostgresMigrations.LATEST, store.schemaVersion());
        }
    }

    @Test
    void anotherDesktopsEditReachesAWatcherAtOnce() throws Exception {
        try (SqlProjectStore mine = open(); SqlProjectStore theirs = open()) {
            long ds = mine.createDataset("dev").id();
            long[] images = mine.addImages(ds, java.util.List.of(image(1), image(2)));
            long task = mine.task("gt", "").id();
            long label = mine.label("person").id();
            java.util.concurrent.BlockingQueue<Long> changed = new java.util.concurrent.LinkedBlockingQueue<>();
            try (ProjectStore.RunningJob watch = mine.watch(changed::add)) {
                theirs.addBoxes(java.util.List.of(new dev.loupe.core.NewBox(images[1], task, label, 1, 1, 5, 5,
                        dev.loupe.core.Source.HUMAN, Double.NaN, dev.loupe.core.ReviewStatus.PENDING, "")));
                assertEquals(images[1], changed.poll(2, java.util.concurrent.TimeUnit.SECONDS));
                dev.loupe.core.Box box = theirs.boxes(images[1]).get(0);
                theirs.deleteBox(box.id());
                assertEquals(images[1], changed.poll(2, java.util.concurrent.TimeUnit.SECONDS), "deletions too");
            }
            theirs.addBoxes(java.util.List.of(new dev.loupe.core.NewBox(images[0], task, label, 1, 1, 5, 5,
                    dev.loupe.core.Source.HUMAN, Double.NaN, dev.loupe.core.ReviewStatus.PENDING, "")));
            assertEquals(null, changed.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS), "a closed watch hears nothing");
        }
    }
}
