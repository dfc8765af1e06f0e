package dev.loupe.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a team project lives: a database on a PostgreSQL server, opened as the person's own role. The project folder
 * keeps only this ({@value #FILE}: the server's URL and the user name); the password is never written: it comes from
 * {@value #PASSWORD_VARIABLE}, else from PostgreSQL's own password file ({@code ~/.pgpass}), as psql reads it.
 *
 * @param url  {@code postgresql://HOST[:PORT]/DATABASE}
 * @param user the person's database role
 */
public record TeamServer(String url, String user) {
    public static final String FILE = "server.json";
    public static final String PASSWORD_VARIABLE = "LOUPE_DB_PASSWORD";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TeamServer {
        url = checked(url);
        if (user == null || user.isBlank()) {
            throw new ProjectException("a team project needs a user name (the person's database role)");
        }
    }

    /** The URL as the command line takes it: postgresql://HOST[:PORT]/DATABASE (a jdbc: prefix is accepted). */
    private static String checked(String url) {
        String u = url == null ? "" : url.strip().replaceFirst("^jdbc:", "");
        try {
            URI uri = new URI(u);
            if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
                    || uri.getPath().length() < 2 || uri.getUserInfo() != null) {
                throw new URISyntaxException(u, "expected postgresql://HOST[:PORT]/DATABASE");
            }
        } catch (URISyntaxException e) {
            throw new ProjectException("server '" + url + "' is not a PostgreSQL address (expected "
                    + "postgresql://HOST[:PORT]/DATABASE, without user or password in it)");
        }
        return u;
    }

    public String jdbcUrl() {
        return "jdbc:" + url;
    }

    /** The password from the environment, or null to let the driver read ~/.pgpass. */
    public String password() {
        String p = System.getenv(PASSWORD_VARIABLE);
        return p == null || p.isEmpty() ? null : p;
    }

    /** The server of the team project in {@code folder}, or an error saying it is not one. */
    public static TeamServer of(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!isIn(dir)) {
            throw new ProjectException(dir + " is not a team project (no " + FILE + " in it)");
        }
        return read(dir);
    }

    static boolean isIn(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }

    static TeamServer read(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.hasNonNull("url") || !n.hasNonNull("user")) {
                throw new ProjectException(file + ": expected {\"url\": \"postgresql://HOST/DB\", \"user\": \"NAME\"}");
            }
            return new TeamServer(n.get("url").asText(), n.get("user").asText());
        } catch (IOException e) {
            throw new ProjectException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    void write(Path folder) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(FILE).toFile(), Map.of("url", url, "user", user));
    }
}
