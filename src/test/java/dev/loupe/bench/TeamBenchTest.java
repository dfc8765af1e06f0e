package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.PrivatePostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loupe bench team} runs its clients against a real server, checks its own result, and cleans up after. */
class TeamBenchTest {

    @Test
    void clientsEditConcurrentlyNothingIsLostAndTheBenchLeavesNothingBehind() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start()) {
            String url = server.adminUrl().substring(0, server.adminUrl().indexOf('?'));
            BenchRun run = BenchRun.of("team", "--server", url.replaceFirst("^jdbc:", ""),
                    "--user", "loupe_ci", "--clients", "3", "--seconds", "2", "--images", "20", "--json");
            assertEquals(0, run.code(), run.out());
            JsonNode figures = new ObjectMapper().readTree(run.out());
            assertTrue(figures.get("edits").asLong() > 0, figures.toString());
            assertEquals(0, figures.get("lost").asLong(), figures.toString());
            for (String field : new String[]{"editsPerSec", "p50Ms", "p95Ms", "conflicts", "rawUpdatesPerSec"}) {
                assertTrue(figures.has(field), field + " in " + figures);
            }
            try (Connection c = DriverManager.getConnection(server.adminUrl()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'loupe_bench_%' "
                         + "UNION ALL SELECT count(*) FROM pg_roles WHERE rolname LIKE 'loupe_bench_%'")) {
                while (rs.next()) {
                    assertFalse(rs.getLong(1) > 0, "the bench's database and clients are gone");
                }
            }
        }
    }
}
