package dev.loupe;

import dev.loupe.bench.BenchCommand;
import dev.loupe.cli.LoupeCommand;
import dev.loupe.ui.app.GuiCommand;
import dev.loupe.ui.app.LoupeApplication;

/**
 * Entry point of {@code bin/loupe}: no arguments open the GUI, anything else runs the CLI. It does not
 * extend {@code Application}, so JavaFX loads from the plain classpath.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            LoupeApplication.launchGui();
            return;
        }
        int code = LoupeCommand.commandLine().addSubcommand(new GuiCommand())
                .addSubcommand(new BenchCommand()).execute(args);
        System.exit(code);
    }
}
