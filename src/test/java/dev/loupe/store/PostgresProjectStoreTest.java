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
        server.close();
    }

    @Override
    SqlProjectStore open() {
        return SqlProjectStore.onServer(server.jdbcUrl(), admin, admin);
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
}
