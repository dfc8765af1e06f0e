package dev.loupe.cli;

import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create a new, empty project in DIR (a folder with one SQLite database and a cache).")
final class NewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder for the project; created if missing.")
    Path dir;

    @Override
    public Integer call() {
        try (Project p = Project.create(dir)) {
            CliSupport.remember(p);
            System.out.println("Created project " + p.folder());
        }
        return 0;
    }
}
