package dev.loupe;

import dev.loupe.bench.BenchCommand;
import dev.loupe.cli.LoupeCommand;
import dev.loupe.project.Project;
import dev.loupe.ui.app.GuiCommand;
import dev.loupe.ui.app.LoupeApplication;
import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Entry point of {@code bin/loupe}: no arguments open the GUI, a lone project folder or {@code project.loupe}
 * file (what the desktop entry passes for a double-clicked project) opens the GUI on it, anything else runs
 * the CLI. It does not extend {@code Application}, so JavaFX loads from the plain classpath.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            LoupeApplication.launchGui();
            return;
        }
        CommandLine cli = LoupeCommand.commandLine().addSubcommand(new GuiCommand()).addSubcommand(new BenchCommand());
        Optional<Path> project = projectToOpen(cli, args);
        if (project.isPresent()) {
            System.setProperty(LoupeApplication.PROJECT_PROPERTY, project.get().toString());
            LoupeApplication.launchGui();
            return;
        }
        System.exit(cli.execute(args));
    }

    /** The project named by a lone argument that is neither a command nor an option. */
    static Optional<Path> projectToOpen(CommandLine cli, String[] args) {
        if (args.length != 1 || args[0].startsWith("-") || cli.getSubcommands().containsKey(args[0])) {
            return Optional.empty();
        }
        try {
            return Project.named(Path.of(args[0]));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
