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

    @Option(names = "--images", paramLabel = "WHERE", arity = "1", converter = ImagesPlace.Converter.class,
            description = "With --server: server (default) stores each imported image's bytes on the server; "
                    + "shared-folder leaves them where they are, and every desktop must see them at the same paths.")
    ImagesPlace images;

    @Override
    public Integer call() {
        if (server == null && images != null) {
            throw new IllegalArgumentException("--images is for a team project (with --server): a local project "
                    + "reads its images where they are");
        }
        try (Project p = server == null ? Project.create(dir)
                : Project.createOnServer(dir, new TeamServer(server, user != null ? user : System.getProperty("user.name")))) {
            if (images != null) {
                p.store().keepImagesOnServer(images.onServer());
            }
            CliSupport.remember(p);
            System.out.println("Created " + (server == null ? "project " : "team project on " + server + " in ")
                    + p.folder() + (server == null ? "" : p.store().imageBytes().onServer()
                    ? " (images stored on the server)" : " (images read from a shared folder)"));
        }
        return 0;
    }
}
