package dev.loupe.cli;

import dev.loupe.project.Project;
import dev.loupe.train.TaoBundleJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tao-bundle", mixinStandardHelpOptions = true,
        description = {"Write what NVIDIA TAO needs to repeat a retraining: the TRAIN and TEST sides of the split "
                + "in KITTI layout (DIR/train, DIR/test: images/ and labels/) and DIR/spec.txt, the YOLOv4 training "
                + "spec with the same settings as 'loupe train' and its dataset_config pointing at those folders."})
final class TaoBundleCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--task", required = true, paramLabel = "GT_TASK", description = "The task holding the ground truth.")
    String task;

    @Option(names = "--classes", split = ",", defaultValue = "person", description = "Classes to export (default: ${DEFAULT-VALUE}).")
    List<String> classes;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            TaoBundleJob.Report r = CliSupport.run("tao bundle", new TaoBundleJob(p.store(),
                    new TaoBundleJob.Request(dataset, task, classes, training.spec(), out)));
            System.out.printf("Wrote %d training images (%d boxes) and %d test images (%d boxes) in KITTI layout, "
                            + "and %s%n", r.train().images(), r.train().boxes(), r.test().images(), r.test().boxes(), r.spec());
        }
        return 0;
    }
}
