package dev.loupe.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own (the installed server's programs on a new data folder and a free port), for
 * tests that stop it the hard way ({@code pg_ctl stop -m immediate}) and start it again. The server refuses to run
 * as root, so as root it runs as the {@code postgres} user. Skips (fails under CI) where no server is installed.
 */
public final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path bin = installedBin();
        Required.resource(bin != null, "no PostgreSQL server programs under /usr/lib/postgresql/*/bin (Debian's "
                + "postgresql package)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("loupe-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivatePostgres pg = new PrivatePostgres(bin, data, port, root);
        if (root) {
            pg.run(List.of("chown", "postgres", data.toString()), false);
        }
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-A", "trust",
                "-U", "loupe_ci", "--no-sync"), true);
        pg.startAgain();
        return pg;
    }

    private static Path installedBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString()))
                    .orElse(null);
        }
    }

    /** A JDBC URL of the server's own database as its superuser. */
    public String adminUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=loupe_ci";
    }

    /** Stops the server at once, as a crash or a pulled plug would: no checkpoint, clients cut off. */
    public void stopImmediately() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "stop", "-m", "immediate",
                "-w"), true);
    }

    public void startAgain() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-l",
                data.resolve("server.log").toString(), "-w", "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=localhost", "start"), true);
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopImmediately();
        } catch (IOException alreadyStopped) {
            // a test that failed while the server was down
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
