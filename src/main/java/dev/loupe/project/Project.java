package dev.loupe.project;

import dev.loupe.store.ProjectStore;
import dev.loupe.store.SqlProjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An open project: a folder holding one SQLite database ({@value #DATABASE}), or for a team project the address of
 * its database on a PostgreSQL server ({@link TeamServer}), and a cache folder for thumbnails and downloaded
 * images. Images themselves stay where they are, unless a team project keeps them on its server. A small {@value #MARKER} file
 * gives file managers something to double-click: the desktop entry opens its folder in Loupe.
 */
public final class Project implements AutoCloseable {
    public static final String DATABASE = "loupe.db";
    public static final String CACHE = "cache";
    public static final String MARKER = "project.loupe";
    /** The cache folder of images fetched from a team project's server. */
    public static final String IMAGES = "images";
    /** A team project's review edits kept on this computer while its server is away. */
    public static final String OUTBOX = "outbox.jsonl";
    /** The extension the installers associate with Loupe. */
    public static final String MARKER_EXTENSION = ".loupe";

    private final Path folder;
    private final ProjectStore store;

    private Project(Path folder, ProjectStore store) {
        this.folder = folder;
        this.store = store;
    }

    /** Creates a new project in {@code folder} (created if missing; it must not already be a project). */
    public static Project create(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (isProject(dir)) {
            throw new ProjectException(dir + " is already a Loupe project");
        }
        try {
            Files.createDirectories(dir.resolve(CACHE));
            writeMarker(dir);
        } catch (IOException e) {
            throw new ProjectException("cannot create project folder " + dir + ": " + e.getMessage(), e);
        }
        return new Project(dir, SqlProjectStore.open(dir.resolve(DATABASE)));
    }

    /**
     * Creates a team project: its database on the server (which must exist and be empty, or already hold this
     * project) gets the schema, and {@code folder} remembers where it is. The user needs the right to create tables.
     */
    public static Project createOnServer(Path folder, TeamServer server) {
        return createOnServerWithPassword(folder, server, server.password());
    }

    /** As {@link #createOnServer}, with a password the person gave (it is not kept anywhere). */
    public static Project createOnServerWithPassword(Path folder, TeamServer server, String password) {
        Path dir = folder.toAbsolutePath().normalize();
        if (isProject(dir)) {
            throw new ProjectException(dir + " is already a Loupe project");
        }
        ProjectStore store = teamStore(dir, server, password);
        try {
            Files.createDirectories(dir.resolve(CACHE));
            server.write(dir);
            writeMarker(dir);
        } catch (IOException e) {
            store.close();
            throw new ProjectException("cannot create project folder " + dir + ": " + e.getMessage(), e);
        }
        return new Project(dir, store);
    }

    /** Opens an existing project folder. */
    public static Project open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!isProject(dir)) {
            throw new ProjectException(dir + " is not a Loupe project (no " + DATABASE + " or " + TeamServer.FILE + " in it); "
                    + "create one with 'loupe new " + folder + "'");
        }
        try {
            Files.createDirectories(dir.resolve(CACHE));
            writeMarker(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (TeamServer.isIn(dir)) {
            return openTeamProject(dir, TeamServer.read(dir).password());
        }
        return new Project(dir, SqlProjectStore.open(dir.resolve(DATABASE)));
    }

    /** Opens a team project's folder with a password the person typed (it is not kept anywhere). */
    public static Project openTeamProject(Path folder, String password) {
        Path dir = folder.toAbsolutePath().normalize();
        TeamServer server = TeamServer.of(dir);
        return new Project(dir, teamStore(dir, server, password));
    }

    private static ProjectStore teamStore(Path dir, TeamServer server, String password) {
        return SqlProjectStore.onServer(server.jdbcUrl(), server.user(), password, dir.resolve(OUTBOX),
                dir.resolve(CACHE).resolve(IMAGES));
    }

    /** Opens the project in {@code folder}, creating it first if the folder holds none. */
    public static Project openOrCreate(Path folder) {
        return isProject(folder) ? open(folder) : create(folder);
    }

    /** Whether the folder is a team project's (its database on a server). */
    public static boolean isTeamProject(Path folder) {
        return TeamServer.isIn(folder);
    }

    public static boolean isProject(Path folder) {
        return Files.isRegularFile(folder.resolve(DATABASE)) || TeamServer.isIn(folder);
    }

    /**
     * The project a path names: a project folder itself, or a {@code *.loupe} file inside one (what a file
     * manager passes when the user double-clicks it); empty for anything else.
     */
    public static Optional<Path> named(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(MARKER_EXTENSION)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && isProject(p) ? Optional.of(p) : Optional.empty();
    }

    /** Projects made before the marker existed get it when they are opened. */
    private static void writeMarker(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "{\"loupe\": \"project\", \"database\": \"" + DATABASE + "\"}\n");
        }
    }

    public Path folder() {
        return folder;
    }

    public String name() {
        return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
    }

    public ProjectStore store() {
        return store;
    }

    public Path cacheDir(String name) {
        Path dir = folder.resolve(CACHE).resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProjectException("cannot create cache folder " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    @Override
    public void close() {
        store.close();
    }
}
