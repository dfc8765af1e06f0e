package dev.loupe.cli;

import dev.loupe.metrics.MetadataImport;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = "Add a custom metadata layer to a dataset's images from CSV (image,field,...) or a JSON array, "
                + "or to single boxes (box,field,... with box ids as 'loupe metrics --export' lists them); "
                + "fields then plot, colour and select in Explore like built-in metrics.")
final class MetadataCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT")
    Path project;

    @Parameters(index = "1", paramLabel = "FILE", description = "A .csv or .json file keyed by image file name or path, or by box id.")
    Path file;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            MetadataImport.Report r = MetadataImport.run(p.store(), dataset, file);
            System.out.printf("Stored %d values of fields %s%n", r.values(), r.fields());
            if (!r.unknownImages().isEmpty()) {
                System.out.printf("%d rows name images or boxes not in dataset '%s': %s%n", r.unknownImages().size(), dataset,
                        String.join(", ", r.unknownImages().subList(0, Math.min(10, r.unknownImages().size()))));
            }
        }
        return 0;
    }
}
