package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.PrivatePostgres;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
            PrintStream old = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                code = new picocli.CommandLine(new BenchCommand()).execute("images", "--server",
                        url.replaceFirst("^jdbc:", ""), "--user", "loupe_ci", "--images", SharedData.photos().toString(),
                        "--runs", "1", "--json");
            } finally {
                System.setOut(old);
            }
            assertEquals(0, code);
            JsonNode figures = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
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
