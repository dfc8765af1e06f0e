package dev.loupe.cli;

import dev.loupe.metrics.MetricsCsv;
import dev.loupe.metrics.MetricsJob;
import dev.loupe.metrics.MetricsReport;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute image and box metrics of a dataset (only what is missing or changed since the last run) "
                + "and optionally export them as CSV: one row per image and one per box."})
final class MetricsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--export", paramLabel = "FILE.csv", description = "Write the metrics to this CSV file.")
    Path export;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            MetricsReport r = CliSupport.run("metrics", new MetricsJob(p.store(), dataset));
            System.out.printf("Metrics of %d images and %d boxes computed in %.1f s (%d images were current)%n",
                    r.imagesComputed(), r.boxesComputed(), r.seconds(), r.imagesCurrent());
            r.skipped().forEach(s -> System.out.println("  skipped " + s.item() + ": " + s.reason()));
            if (export != null) {
                int rows = MetricsCsv.write(p.store(), dataset, export);
                System.out.printf("Wrote %d rows to %s%n", rows, export);
            }
        }
        return 0;
    }
}
