package dev.loupe.cli;

import dev.loupe.project.Project;
import dev.loupe.project.TeamServer;
import dev.loupe.store.ProjectCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Copy a team project from its server into a new local project (the server keeps it).")
final class PullCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEAM", description = "The team project's folder.")
    Path team;

    @Parameters(index = "1", paramLabel = "LOCAL", description = "A new folder for the local copy.")
    Path local;

    @Override
    public Integer call() {
        TeamServer source = TeamServer.of(team);
        Project.create(local).close();
        long rows = ProjectCopy.pull(source.jdbcUrl(), source.user(), source.password(), local.resolve(Project.DATABASE));
        System.out.printf("Pulled %,d rows from %s into %s%n", rows, source.url(), local.toAbsolutePath().normalize());
        return 0;
    }
}
