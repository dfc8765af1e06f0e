package dev.loupe.cli;

import dev.loupe.project.Project;
import dev.loupe.samples.SampleProjectJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "samples", mixinStandardHelpOptions = true,
        description = {"Fill a project (created if missing) with Loupe's drawn sample set: circles, squares and "
                + "triangles in " + SampleProjectJob.DATASET + "/, with their exact boxes as the accepted task '"
                + SampleProjectJob.TASK + "'. The files land in DIR/samples (images/ and COCO instances.json).",
                "The welcome screen's 'Try the sample project' does the same."})
final class SamplesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The project folder.")
    Path dir;

    @Option(names = "--count", description = "How many images to draw (default ${DEFAULT-VALUE}).")
    int count = SampleProjectJob.DEFAULT_COUNT;

    @Override
    public Integer call() throws Exception {
        try (Project p = Project.openOrCreate(dir)) {
            CliSupport.remember(p);
            SampleProjectJob.Report r = CliSupport.run("samples", new SampleProjectJob(p, count));
            System.out.printf("Sample project %s: %d images in dataset '%s' (%d new), %s%n", p.folder(),
                    r.set().imageCount(), SampleProjectJob.DATASET, r.images().imported(), r.boxes() == null
                            ? "boxes already in task '" + SampleProjectJob.TASK + "'"
                            : r.boxes().stored() + " boxes in task '" + SampleProjectJob.TASK + "'");
        }
        return 0;
    }
}
