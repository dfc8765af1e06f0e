package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteProjectStoreTest extends ProjectStoreContract {
    @TempDir
    Path dir;

    @Override
    SqlProjectStore open() {
        return SqlProjectStore.open(dir.resolve("loupe.db"));
    }

    @Override
    String recordedAuthor(String claimed) {
        return claimed;
    }

    @Test
    void opensAtTheLatestSchema() {
        try (SqlProjectStore store = open()) {
            assertEquals(SqliteMigrations.LATEST, store.schemaVersion());
        }
    }

    @Test
    void databaseIsInWalModeWithForeignKeysEnforced() throws Exception {
        Path file = dir.resolve("loupe.db");
        try (SqlProjectStore store = SqlProjectStore.open(file)) {
            Task t = store.task("t", "");
            Label l = store.label("x");
            assertThrows(StoreException.class, () -> store.addBoxes(List.of(new NewBox(424242, t.id(), l.id(),
                    0, 0, 1, 1, Source.HUMAN, Double.NaN, ReviewStatus.PENDING, ""))));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void refusesADatabaseFromANewerLoupe() throws Exception {
        Path file = dir.resolve("loupe.db");
        SqlProjectStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqlProjectStore.open(file));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }
}
