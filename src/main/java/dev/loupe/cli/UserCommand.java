package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.project.Project;
import dev.loupe.project.TeamServer;
import dev.loupe.store.TeamUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"The people of a team project (admins only): each logs in as their own role on the server.",
                "user PROJECT list | user PROJECT add NAME --role ROLE [--password-stdin] | user PROJECT role NAME --role ROLE"})
final class UserCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The team project's folder.")
    Path project;

    @Parameters(index = "1", paramLabel = "ACTION", description = "list, add or role.")
    String action;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "The person's role name (add, role).")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", description = "annotator, reviewer or admin.")
    String role;

    @Option(names = "--password-stdin", description = "Read the new user's password from the first line of standard "
            + "input (otherwise it is asked for on the console).")
    boolean passwordStdin;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TeamServer server = TeamServer.of(project);
        TeamUsers users = new TeamUsers(server.jdbcUrl(), server.user(), server.password());
        switch (action) {
            case "list" -> {
                var all = users.list();
                if (json) {
                    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                            all.stream().map(u -> Map.of("name", u.name(), "role", u.role().name().toLowerCase(Locale.ROOT)))
                                    .toList()));
                } else {
                    all.forEach(u -> System.out.printf("%-24s %s%n", u.name(), u.role().name().toLowerCase(Locale.ROOT)));
                }
            }
            case "add" -> {
                users.add(required(name, "NAME"), role(), password());
                System.out.println("Added " + name + " as " + role);
            }
            case "role" -> {
                users.setRole(required(name, "NAME"), role());
                System.out.println(name + " is now " + role);
            }
            default -> throw new IllegalArgumentException("action is '" + action + "' (expected list, add or role)");
        }
        return 0;
    }

    private TeamUsers.Role role() {
        try {
            return TeamUsers.Role.valueOf(required(role, "--role").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--role is '" + role + "' (expected annotator, reviewer or admin)");
        }
    }

    private String password() throws Exception {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }
        if (System.console() == null) {
            throw new IllegalArgumentException("no console to ask for the new user's password: use --password-stdin");
        }
        return new String(System.console().readPassword("Password for %s: ", name));
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
