package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.PrivatePostgres;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loupe bench images} moves real photos through a real server and reports each figure beside its reference. */
class ImagesBenchTest {

    @Test
    void measuresImportFetchAndPreviewsAndLeavesNoDatabaseBehind() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start()) {
            String url = server.adminUrl().substring(0, server.adminUrl().indexOf('?'));
            BenchRun run = BenchRun.of("images", "--server", url.replaceFirst("^jdbc:", ""), "--user", "loupe_ci",
                    "--images", SharedData.photos().toString(), "--runs", "1", "--json");
            assertEquals(0, run.code(), run.out());
            JsonNode figures = new ObjectMapper().readTree(run.out());
            assertEquals(6, figures.get("images").asInt(), figures.toString());
            for (String field : new String[]{"importRatio", "fetchMbPerSec", "fetchRatio", "renderThumbnailMs",
                    "sharedThumbnailMs"}) {
                assertTrue(figures.get(field).asDouble() > 0, field + " in " + figures);
            }
            try (Connection c = DriverManager.getConnection(server.adminUrl()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'loupe_bench_%'")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the bench's database is gone");
            }
        }
    }
}
