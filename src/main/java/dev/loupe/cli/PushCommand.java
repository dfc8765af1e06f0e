package dev.loupe.cli;

import dev.loupe.project.Project;
import dev.loupe.project.TeamServer;
import dev.loupe.store.ProjectCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Move a local project onto a PostgreSQL server as a team project: every image (its bytes, or its "
                + "path with --images shared-folder), box, task, comment, stage, verdict, metric, cluster and the split, "
                + "with their authors and times.",
                "The server's database must be empty: a second push is refused (one stopped while sending images "
                + "resumes). TEAM becomes the team project's folder."})
final class PushCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOCAL", description = "The local project's folder.")
    Path local;

    @Parameters(index = "1", paramLabel = "TEAM", description = "A new folder for the team project.")
    Path team;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "postgresql://HOST[:PORT]/DATABASE")
    String server;

    @Option(names = "--user", paramLabel = "NAME", description = "Your (admin) role on the server (default: your login name).")
    String user;

    @Option(names = "--images", paramLabel = "WHERE", arity = "1", defaultValue = "server", converter = ImagesPlace.Converter.class,
            description = "server (default): the images' bytes go onto the server with the rows; shared-folder: they "
                    + "stay where they are, and every desktop must see them at the same paths.")
    ImagesPlace images;

    @Override
    public Integer call() {
        if (!Project.isProject(local) || Project.isTeamProject(local)) {
            throw new IllegalArgumentException(local.toAbsolutePath() + " is not a local Loupe project");
        }
        TeamServer target = new TeamServer(server, user != null ? user : System.getProperty("user.name"));
        long rows = ProjectCopy.push(local.resolve(Project.DATABASE), target.jdbcUrl(), target.user(), target.password(),
                images.onServer());
        try (Project p = Project.createOnServer(team, target)) {
            CliSupport.remember(p);
            System.out.printf("Pushed %,d rows to %s; the team project's folder is %s%n", rows, server, p.folder());
        }
        return 0;
    }
}
