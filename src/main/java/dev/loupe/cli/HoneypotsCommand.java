package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.loupe.consensus.Honeypots;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "honeypots", mixinStandardHelpOptions = true,
        description = "Images with known truth hidden in annotators' queues, and each annotator's accuracy on them.",
        subcommands = {HoneypotsCommand.Plant.class, HoneypotsCommand.Report.class, CommandLine.HelpCommand.class})
final class HoneypotsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what: plant or report");
    }

    @Command(name = "plant", mixinStandardHelpOptions = true,
            description = "Give a seeded share of the dataset's images that have truth boxes to every named person, "
                    + "unannounced, beside their own work in the task.")
    static final class Plant implements Callable<Integer> {
        @Parameters(paramLabel = "PROJECT")
        Path project;

        @Option(names = "--task", required = true, paramLabel = "TASK", description = "The task people annotate in.")
        String task;

        @Option(names = "--truth", required = true, paramLabel = "TASK", description = "The task holding the truth.")
        String truth;

        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;

        @Option(names = "--percent", defaultValue = "5", description = "Share of the images with truth (default "
                + "${DEFAULT-VALUE}).")
        double percent;

        @Option(names = "--to", required = true, split = ",", paramLabel = "PERSON")
        List<String> people;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Override
        public Integer call() {
            try (Project p = CliSupport.open(project)) {
                ProjectStore store = p.store();
                long[] planted = new Honeypots(store).plant(store.requireTask(task).id(), store.requireTask(truth).id(),
                        store.requireDataset(dataset).id(), percent, seed, people);
                System.out.printf("%d honeypots planted in the queues of %s%n", planted.length, String.join(", ", people));
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Each person's precision, recall and F1 on the honeypots they marked done.")
    static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "PROJECT")
        Path project;

        @Option(names = "--task", required = true, paramLabel = "TASK")
        String task;

        @Option(names = "--iou", defaultValue = "0.5", description = "Least overlap of a match (default ${DEFAULT-VALUE}).")
        double iou;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Project p = CliSupport.open(project)) {
                List<Honeypots.Accuracy> scores = new Honeypots(p.store()).accuracy(p.store().requireTask(task).id(), iou);
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode out = mapper.createArrayNode();
                for (Honeypots.Accuracy a : scores) {
                    out.addObject().put("person", a.person()).put("images", a.images())
                            .put("precision", a.tally().precision()).put("recall", a.tally().recall())
                            .put("f1", a.tally().f1());
                    if (!json) {
                        System.out.printf("%-20s %4d honeypots  precision %.3f  recall %.3f  F1 %.3f%n", a.person(),
                                a.images(), a.tally().precision(), a.tally().recall(), a.tally().f1());
                    }
                }
                if (json) {
                    System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
                } else if (scores.isEmpty()) {
                    System.out.println("no honeypot marked done yet");
                }
            }
            return 0;
        }
    }
}
