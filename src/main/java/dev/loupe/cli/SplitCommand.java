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
                + "augmented copies, its clip's frames and its known near-duplicates on one side, stratified by the "
                + "latest clustering, seeded; stored in the project."})
final class SplitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--test", defaultValue = "0.3", description = "Fraction held out for testing (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--test-list", paramLabel = "FILE", description = "Keep the dataset's own split: the images this "
            + "file names (one per line, or a CSV whose first column is the file name) are the test side; --test is "
            + "then ignored.")
    Path testList;

    @Option(names = "--allow-near-duplicates", description = "Let the test list put near-duplicate images (found by "
            + "'loupe duplicates') on different sides; without it such a list is refused.")
    boolean allowNearDuplicates;

    @Option(names = "--validation", defaultValue = "0", description = "Fraction for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws java.io.IOException {
        try (Project p = CliSupport.open(project)) {
            Splits.Report r = testList == null ? Splits.make(p.store(), dataset, test, validation, seed)
                    : Splits.fromTestList(p.store(), dataset, testList, validation, seed, allowNearDuplicates);
            System.out.printf("Split dataset '%s'%s:%n", dataset, r.stratified() ? " (stratified by cluster)" : "");
            for (Split s : Split.values()) {
                System.out.printf("  %-10s %6d images (%d augmented copies)%n", s.name().toLowerCase(), r.images().get(s),
                        r.augmented().get(s));
            }
            if (r.nearDuplicatesTogether() > 0) {
                System.out.printf("%d near-duplicate pair(s) kept on one side%n", r.nearDuplicatesTogether());
            }
            if (!r.nearDuplicatesParted().isEmpty()) {
                System.out.printf("%d near-duplicate pair(s) on different sides, as allowed%n",
                        r.nearDuplicatesParted().size());
            }
            if (!r.unmatched().isEmpty()) {
                System.out.printf("%d listed names match no image of the dataset: %s%n", r.unmatched().size(),
                        String.join(", ", r.unmatched()));
            }
        }
        return 0;
    }
}
