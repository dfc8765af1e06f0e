package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loupe} command: its subcommands are the CLI face of Loupe's services. */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = LoupeCommand.Version.class,
        description = "Curate object-detection datasets: import, pre-annotate, review, explore, rebalance, retrain.",
        subcommands = {NewCommand.class, ImportImagesCommand.class, ImportVideoCommand.class, TrackCommand.class, InfoCommand.class, ImportAnnotationsCommand.class,
                ExportCommand.class, PreannotateCommand.class, EvaluateCommand.class,
                ReviewStageCommand.class, MetricsCommand.class, MetadataCommand.class, ClusterCommand.class, AugmentCommand.class, SplitCommand.class, TrainCommand.class, ExperimentCommand.class, TaoBundleCommand.class, SamplesCommand.class, UserCommand.class, PushCommand.class, PullCommand.class, AssignCommand.class, QueueCommand.class, ConsensusCommand.class, HoneypotsCommand.class, SuspectsCommand.class, RankCommand.class, DuplicatesCommand.class,
                CommandLine.HelpCommand.class})
public final class LoupeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A command line with Loupe's error handling: a one-line reason on stderr and a non-zero exit code. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LoupeCommand());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("loupe " + commandLine.getCommandName() + ": " + describe(ex));
            return 1;
        });
        return cli;
    }

    static String describe(Exception ex) {
        if (ex instanceof java.nio.file.NoSuchFileException nsf) {
            return "no such file or folder: " + nsf.getFile();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return dev.loupe.core.BuildInfo.summary().split("\n");
        }
    }
}
