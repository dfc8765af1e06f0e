package dev.loupe.cli;

import dev.loupe.eval.EvalResult;
import dev.loupe.eval.ImageScope;
import dev.loupe.inference.WeightsResolver;
import dev.loupe.project.Project;
import dev.loupe.train.ExperimentJob;
import dev.loupe.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run the whole reference workflow on a dataset with ground truth: pre-annotate, metrics, "
                + "cluster, augment to equal clusters, split, retrain, and print pretrained against retrained AP50 "
                + "on the held-out images."})
final class ExperimentCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--gt", required = true, paramLabel = "TASK", description = "The task holding the ground truth.")
    String gt;

    @Option(names = "--classes", split = ",", defaultValue = "person")
    List<String> classes;

    @Option(names = "--model", defaultValue = "yolox_nano")
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the retrained model goes.")
    Path out;

    @Option(names = "--per-cluster", defaultValue = "0", description = "Images per cluster after augmenting (0: the largest cluster's count).")
    int perCluster;

    @Option(names = "--test", defaultValue = "0.3")
    double test;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share held out to choose the best epoch "
            + "(or the starting weights when none beats them) (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--only-images-with-gt", description = "Score only held-out images with ground truth of the "
            + "classes, as the reference workflow did (default: every held-out image, as pycocotools counts).")
    boolean onlyImagesWithGt;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        TrainSettings settings = training.settings();
        try (Project p = CliSupport.open(project)) {
            ExperimentJob.Result r = CliSupport.run("experiment", new ExperimentJob(p, new ExperimentJob.Request(dataset,
                    gt, classes, model, WeightsResolver.modelsDir(modelsDir), out, perCluster, test, validation, seed,
                    settings, onlyImagesWithGt ? ImageScope.ONLY_IMAGES_WITH_GT : ImageScope.EVERY_IMAGE),
                    TrainingOptions::printEpoch));
            System.out.printf("%nSettings: %d epochs, batch %d, %s%s, soft-start cosine LR %.0e..%.0e (soft start %.1f), "
                            + "L1 %.0e; trained on %d images at %.2f images/s%n", r.training().epochs().size(), settings.batchSize(),
                    settings.optimizer().label(), settings.freezeBackbone() ? " (backbone frozen)" : "",
                    settings.minLearningRate(), settings.maxLearningRate(), settings.softStart(), settings.l1(),
                    r.training().trainImages(), r.training().imagesPerSecond());
            System.out.printf("%-44s %12s %12s%n", String.join(",", classes) + " AP50", "pretrained", "retrained");
            var c = r.compared();
            System.out.printf("Counted on %s%n", c.scope().description());
            row("held-out originals (" + c.originals() + " images)", c.pretrained(), c.retrained());
            row("held-out with copies (" + (c.originals() + c.copies()) + " images)", c.pretrainedWithCopies(),
                    c.retrainedWithCopies());
            System.out.printf("Run time %.1f min; retrained model: %s (%s)%n", r.seconds() / 60,
                    r.training().onnx(), r.training().writtenWeights());
        }
        return 0;
    }

    private static void row(String what, EvalResult before, EvalResult after) {
        System.out.printf("%-44s %11.2f%% %11.2f%%%n", what, 100 * before.ap50(), 100 * after.ap50());
    }
}
