package dev.loupe.cli;

import dev.loupe.project.Project;
import dev.loupe.project.TeamServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create a new, empty project in DIR (a folder with one SQLite database and a cache).",
                "With --server, a team project: its database on a PostgreSQL server, DIR keeping where it is. The "
                        + "password comes from $" + TeamServer.PASSWORD_VARIABLE + " or ~/.pgpass, never from DIR."})
final class NewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder for the project; created if missing.")
    Path dir;

    @Option(names = "--server", paramLabel = "URL", description = "postgresql://HOST[:PORT]/DATABASE: an empty database "
            + "the user may create tables in (for a team project).")
    String server;

    @Option(names = "--user", paramLabel = "NAME", description = "Your database role on the server "
            + "(default: your login name).")
    String user;

    @Override
    public Integer call() {
        try (Project p = server == null ? Project.create(dir)
                : Project.createOnServer(dir, new TeamServer(server, user != null ? user : System.getProperty("user.name")))) {
            CliSupport.remember(p);
            System.out.println("Created " + (server == null ? "project " : "team project on " + server + " in ")
                    + p.folder());
        }
        return 0;
    }
}
