package dev.loupe.ui.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe gui [PROJECT]}: the GUI, on a given project or on the workspace's start project. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the GUI (the same as running loupe with no arguments), optionally on PROJECT.")
public final class GuiCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PROJECT", description = "Project folder to open (created if missing).")
    Path project;

    @Override
    public Integer call() {
        if (project != null) {
            System.setProperty(LoupeApplication.PROJECT_PROPERTY, project.toAbsolutePath().toString());
        }
        LoupeApplication.launchGui();
        return 0;
    }
}
