package dev.loupe.cli;

import dev.loupe.project.Project;
import dev.loupe.train.TaoBundleJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "tao-bundle", mixinStandardHelpOptions = true,
        description = {"Write what NVIDIA TAO needs to repeat a retraining: the TRAIN and TEST sides of the split "
                + "in KITTI layout (DIR/train, DIR/test: images/ and labels/) and DIR/spec.txt, the YOLOv4 training "
                + "spec with the same settings as 'loupe train' and its dataset_config pointing at those folders."})
final class TaoBundleCommand implements Callable<Integer> {

    @Mixin
    TrainingDataOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(data.project)) {
            TaoBundleJob.Report r = CliSupport.run("tao bundle", new TaoBundleJob(p.store(),
                    new TaoBundleJob.Request(data.dataset, data.task, data.classes(p.store()), training.spec(), out)));
            System.out.printf("Wrote %d training images (%d boxes) and %d test images (%d boxes) in KITTI layout, "
                            + "and %s%n", r.train().images(), r.train().boxes(), r.test().images(), r.test().boxes(), r.spec());
        }
        return 0;
    }
}
