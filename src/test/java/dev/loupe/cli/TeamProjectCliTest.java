package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.project.TeamServer;
import dev.loupe.testing.PostgresServer;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team project made, filled and staffed from the command line on a real PostgreSQL server; passwords come from
 * PostgreSQL's password file, never from the project folder.
 */
class TeamProjectCliTest {
    private static final String PGPASS = "org.postgresql.pgpassfile";

    @TempDir
    Path tmp;
    private PostgresServer server;
    private String admin;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine cli = LoupeCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    @BeforeEach
    void server() throws Exception {
        server = PostgresServer.freshDatabase();
        admin = server.login("loupe_admin");
        server.grantSchema(admin);
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(PGPASS);
        try (var c = server.asAdmin(); var st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS bob_" + server.hashCode());
        }
        server.close();
    }

    /** ~/.pgpass as psql reads it: the people's passwords, outside any project folder. */
    private void passwords(String... userAndPassword) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < userAndPassword.length; i += 2) {
            lines.append("*:*:*:").append(userAndPassword[i]).append(':').append(userAndPassword[i + 1]).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("pgpass"), lines);
        System.setProperty(PGPASS, file.toString());
    }

    @Test
    void aTeamProjectIsCreatedFilledAndStaffedFromTheCommandLine() throws Exception {
        String url = server.jdbcUrl().replaceFirst("^jdbc:", "");
        String bob = "bob_" + server.hashCode();
        passwords(admin, admin, bob, "bobs secret");
        Path project = tmp.resolve("team");
        Run created = run("", "new", project.toString(), "--server", url, "--user", admin);
        assertEquals(0, created.code(), created.err());
        String where = Files.readString(project.resolve(TeamServer.FILE));
        assertTrue(where.contains(url) && where.contains(admin), where);
        assertFalse(where.contains("password"), "no password in the folder: " + where);

        Run imported = run("", "import-images", project.toString(), "--dataset", "d", SharedData.photos().toString());
        assertEquals(0, imported.code(), imported.err());
        JsonNode info = new ObjectMapper().readTree(run("", "info", project.toString(), "--json").out());
        assertEquals(6, info.get("images").asLong());

        Run added = run("bobs secret\n", "user", project.toString(), "add", bob, "--role", "annotator", "--password-stdin");
        assertEquals(0, added.code(), added.err());
        JsonNode people = new ObjectMapper().readTree(run("", "user", project.toString(), "list", "--json").out());
        assertTrue(people.toString().contains("\"name\":\"" + bob + "\",\"role\":\"annotator\"")
                || people.toString().contains("\"role\":\"annotator\",\"name\":\"" + bob + "\""), people.toString());

        // bob opens the same project from his own folder: he sees it, and the server refuses him an import
        Path bobs = tmp.resolve("bobs-copy");
        Files.createDirectories(bobs);
        Files.writeString(bobs.resolve(TeamServer.FILE), where.replace(admin, bob));
        JsonNode seen = new ObjectMapper().readTree(run("", "info", bobs.toString(), "--json").out());
        assertEquals(6, seen.get("images").asLong());
        Run refused = run("", "import-images", bobs.toString(), "--dataset", "e", SharedData.photos().toString());
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("permission denied"), refused.err());

        Run moved = run("", "user", project.toString(), "role", bob, "--role", "reviewer");
        assertEquals(0, moved.code(), moved.err());
        assertTrue(run("", "user", project.toString(), "list").out().matches("(?s).*" + bob + "\\s+reviewer.*"));
        Run notAdmin = run("", "user", bobs.toString(), "list");
        assertEquals(0, notAdmin.code(), "anyone may see who is in the team");
        Run cannot = run("x\n", "user", bobs.toString(), "add", "eve_x", "--role", "admin", "--password-stdin");
        assertNotEquals(0, cannot.code());
        assertTrue(cannot.err().contains("permission denied"), cannot.err());
    }

    @Test
    void pushThenPullGivesBackTheSameProjectAndASecondPushIsRefused() throws Exception {
        String url = server.jdbcUrl().replaceFirst("^jdbc:", "");
        passwords(admin, admin);
        Path local = tmp.resolve("local");
        Run made = run("", "samples", local.toString(), "--count", "12");
        assertEquals(0, made.code(), made.err());
        assertEquals(0, run("", "split", local.toString(), "--dataset", "samples", "--test", "0.3").code());
        assertEquals(0, run("", "review-stage", local.toString(), "--task", "ground-truth", "--percent", "50").code());
        assertEquals(0, run("", "metrics", local.toString(), "--dataset", "samples").code());
        String before = info(local);

        Run pushed = run("", "push", local.toString(), tmp.resolve("team").toString(), "--server", url, "--user", admin);
        assertEquals(0, pushed.code(), pushed.err());
        assertEquals(before, info(tmp.resolve("team")), "the team project holds what the local one held");
        Run again = run("", "push", local.toString(), tmp.resolve("team2").toString(), "--server", url, "--user", admin);
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("already holds a project"), again.err());
        assertEquals(before, info(tmp.resolve("team")), "nothing doubled by the refused push");
        String stages = run("", "review-stage", local.toString(), "--task", "ground-truth", "--list").out();

        // the images went onto the server with the rows: the local project and its files may go
        deleteTree(local);
        Run exported = run("", "export", tmp.resolve("team").toString(), "--dataset", "samples", "--format", "yolo",
                "--out", tmp.resolve("exported").toString());
        assertEquals(0, exported.code(), exported.err());
        try (var files = Files.list(tmp.resolve("exported").resolve("images"))) {
            assertEquals(12, files.count(), "every image came from the server");
        }
        Run pulled = run("", "pull", tmp.resolve("team").toString(), tmp.resolve("back").toString());
        assertEquals(0, pulled.code(), pulled.err());
        assertEquals(before, info(tmp.resolve("back")));
        assertEquals(stages, run("", "review-stage", tmp.resolve("back").toString(), "--task", "ground-truth", "--list").out());
        Run fromPulled = run("", "export", tmp.resolve("back").toString(), "--dataset", "samples", "--format", "yolo",
                "--out", tmp.resolve("exported-back").toString());
        assertEquals(0, fromPulled.code(), fromPulled.err());
        try (var files = Files.walk(tmp.resolve("back").resolve("images"))) {
            assertEquals(12, files.filter(Files::isRegularFile).count(), "the pulled project holds its images");
        }
    }

    @Test
    void aTeamProjectMayKeepItsImagesInASharedFolder() throws Exception {
        String url = server.jdbcUrl().replaceFirst("^jdbc:", "");
        passwords(admin, admin);
        Path local = tmp.resolve("local");
        assertEquals(0, run("", "samples", local.toString(), "--count", "3").code());
        Run pushed = run("", "push", local.toString(), tmp.resolve("team").toString(), "--server", url, "--user", admin,
                "--images", "shared-folder");
        assertEquals(0, pushed.code(), pushed.err());
        try (Connection c = server.asAdmin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM image_blobs")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "no bytes on the server");
        }
        Run exported = run("", "export", tmp.resolve("team").toString(), "--dataset", "samples", "--format", "yolo",
                "--out", tmp.resolve("exported").toString());
        assertEquals(0, exported.code(), exported.err());
        Run wrong = run("", "push", local.toString(), tmp.resolve("team2").toString(), "--server", url, "--user", admin,
                "--images", "somewhere");
        assertNotEquals(0, wrong.code());
        assertTrue(wrong.err().contains("expected server or shared-folder"), wrong.err());
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void anAdminSharesOutWorkEachPersonSeesTheirQueueAndOnlyAdminsMayAssign() throws Exception {
        String url = server.jdbcUrl().replaceFirst("^jdbc:", "");
        String bob = "bob_" + server.hashCode();
        passwords(admin, admin, bob, "bobs secret");
        Path project = tmp.resolve("team");
        assertEquals(0, run("", "new", project.toString(), "--server", url, "--user", admin).code());
        assertEquals(0, run("", "import-images", project.toString(), "--dataset", "d", SharedData.photos().toString())
                .code());
        assertEquals(0, run("bobs secret\n", "user", project.toString(), "add", bob, "--role", "annotator",
                "--password-stdin").code());
        try (var store = dev.loupe.store.SqlProjectStore.onServer(server.jdbcUrl(), admin, admin)) {
            store.task("boxes", "");
        }
        Run assigned = run("", "assign", project.toString(), "--task", "boxes", "--dataset", "d", "--to", bob + "," + admin);
        assertEquals(0, assigned.code(), assigned.err());
        assertTrue(assigned.out().startsWith("6 images"), assigned.out());

        Path bobs = tmp.resolve("bobs-copy");
        Files.createDirectories(bobs);
        Files.writeString(bobs.resolve(TeamServer.FILE), Files.readString(project.resolve(TeamServer.FILE))
                .replace(admin, bob));
        JsonNode queue = new ObjectMapper().readTree(run("", "queue", bobs.toString(), "--json").out());
        assertEquals(bob, queue.get("user").asText(), "the queue is the logged-in person's");
        assertEquals(3, queue.get("open").asInt());
        assertEquals("annotate", queue.get("items").get(0).get("work").asText());
        JsonNode everyone = new ObjectMapper().readTree(run("", "queue", project.toString(), "--all", "--json").out());
        assertEquals(2, everyone.size(), everyone.toString());

        Run refused = run("", "assign", bobs.toString(), "--task", "boxes", "--dataset", "d", "--to", bob, "--reassign");
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("permission denied"), refused.err());
    }

    /** info --json without the folder's own path and the schema version (each store numbers its own). */
    private static String info(Path project) throws Exception {
        Run r = run("", "info", project.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(r.out());
        json.remove("project");
        json.remove("schemaVersion");
        return json.toString();
    }
}
