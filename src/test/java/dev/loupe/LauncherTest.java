package dev.loupe;

import dev.loupe.bench.BenchCommand;
import dev.loupe.cli.LoupeCommand;
import dev.loupe.project.Project;
import dev.loupe.ui.app.GuiCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which arguments open the GUI on a project (a double-clicked project.loupe) and which stay commands. */
class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void aLoneProjectPathOpensTheGuiButCommandsAndOptionsStayCommands() {
        CommandLine cli = LoupeCommand.commandLine().addSubcommand(new GuiCommand()).addSubcommand(new BenchCommand());
        Path project = tmp.resolve("info"); // named like a command on purpose
        Project.create(project).close();
        String marker = project.resolve(Project.MARKER).toString();

        assertEquals(Optional.of(project), Launcher.projectToOpen(cli, new String[] {marker}));
        assertEquals(Optional.of(project), Launcher.projectToOpen(cli, new String[] {project.toString()}));
        assertEquals(Optional.empty(), Launcher.projectToOpen(cli, new String[] {"info"}), "a command wins");
        assertEquals(Optional.empty(), Launcher.projectToOpen(cli, new String[] {"--version"}));
        assertEquals(Optional.empty(), Launcher.projectToOpen(cli, new String[] {"info", project.toString()}));
        assertEquals(Optional.empty(), Launcher.projectToOpen(cli, new String[] {tmp.toString()}), "not a project");
    }
}
