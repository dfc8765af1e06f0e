package dev.loupe.cli;

import dev.loupe.core.Split;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split a dataset into train / test (and optionally validation) images: each image with its "
                + "augmented copies on one side, stratified by the latest clustering, seeded; stored in the project."})
final class SplitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--test", defaultValue = "0.3", description = "Fraction held out for testing (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--validation", defaultValue = "0", description = "Fraction for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() {
        try (Project p = CliSupport.open(project)) {
            Splits.Report r = Splits.make(p.store(), dataset, test, validation, seed);
            System.out.printf("Split dataset '%s'%s:%n", dataset, r.stratified() ? " (stratified by cluster)" : "");
            for (Split s : Split.values()) {
                System.out.printf("  %-10s %6d images (%d augmented copies)%n", s.name().toLowerCase(), r.images().get(s),
                        r.augmented().get(s));
            }
        }
        return 0;
    }
}
