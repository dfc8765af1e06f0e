package dev.loupe.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Loupe keeps its own state: the default project and the list of recent projects. The folder is
 * {@code $LOUPE_HOME}, or {@code ~/Loupe} when that is not set.
 */
public final class Workspace {
    public static final String HOME_VARIABLE = "LOUPE_HOME";
    private static final int MAX_RECENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What settings.json holds. */
    public record Settings(List<String> recentProjects, String userName) {
        public Settings {
            recentProjects = recentProjects == null ? List.of() : List.copyOf(recentProjects);
            userName = userName == null || userName.isBlank() ? System.getProperty("user.name", "") : userName;
        }
    }

    private final Path folder;

    public Workspace(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public static Workspace fromEnvironment() {
        String home = System.getenv(HOME_VARIABLE);
        return new Workspace(home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), "Loupe"));
    }

    public Path folder() {
        return folder;
    }

    /** The project the GUI opens when the user has none yet. */
    public Path defaultProject() {
        return folder.resolve("default-project");
    }

    public Settings settings() {
        Path file = folder.resolve("settings.json");
        if (!Files.isRegularFile(file)) {
            return new Settings(List.of(), null);
        }
        try {
            return JSON.readValue(file.toFile(), Settings.class);
        } catch (IOException e) {
            throw new ProjectException(file + " is not valid settings JSON (" + e.getMessage()
                    + "); fix or delete it", e);
        }
    }

    /** Existing recent projects, most recent first. */
    public List<Path> recentProjects() {
        List<Path> out = new ArrayList<>();
        for (String p : settings().recentProjects()) {
            Path path = Path.of(p);
            if (Project.isProject(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** The project to open at start: the most recent one, else the default project. */
    public Path startProject() {
        List<Path> recent = recentProjects();
        return recent.isEmpty() ? defaultProject() : recent.get(0);
    }

    public void rememberProject(Path project) {
        String p = project.toAbsolutePath().normalize().toString();
        Settings s = settings();
        List<String> recent = new ArrayList<>(s.recentProjects());
        recent.remove(p);
        recent.add(0, p);
        save(new Settings(recent.subList(0, Math.min(MAX_RECENT, recent.size())), s.userName()));
    }

    private void save(Settings s) {
        Path file = folder.resolve("settings.json");
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, "settings", ".tmp");
            JSON.writeValue(tmp.toFile(), s);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProjectException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
