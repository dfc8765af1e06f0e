package dev.loupe.cli;

import dev.loupe.train.EpochStats;
import dev.loupe.train.TrainSettings;
import dev.loupe.train.spec.TrainingSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The training settings options that {@code train} and {@code experiment} share: a spec, then overrides. */
final class TrainingOptions {

    @Option(names = "--spec", paramLabel = "FILE", description = "A TAO YOLOv4 training spec (protobuf text) to take settings from.")
    Path spec;

    @Option(names = "--epochs", description = "Overrides the spec's (default: from the image count, within --budget; "
            + "the reference ran 80).")
    Integer epochs;

    @Option(names = "--budget", paramLabel = "MINUTES", description = "The longest a run whose epochs follow from the "
            + "image count may take (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    double budget;

    @Option(names = "--batch", description = "Overrides the spec's (default 8).")
    Integer batch;

    @Option(names = "--lr", description = "Maximum learning rate, as a share of each weight tensor's scale per step; "
            + "overrides the spec's (default 3e-5; the reference's TAO run had 1e-4, absolute).")
    Double lr;

    @Option(names = "--l1", description = "L1 regulariser weight; overrides the spec's (default 3e-5).")
    Double l1;

    @Option(names = "--freeze-backbone", description = "Train only the neck and head.")
    boolean freezeBackbone;

    @Option(names = "--sgd", description = "SGD with momentum 0.9 instead of Adam, its steps scaled per layer as Adam's are (overrides the spec's optimizer).")
    boolean sgd;

    /** The --spec file (its other TAO fields kept) or a new spec, holding {@link #settings()}. */
    TrainingSpec spec() throws IOException {
        return spec == null ? TrainingSpec.of(settings(), null) : TrainingSpec.read(spec).put(settings());
    }

    /** Loupe's default settings, or the spec's, with the command line's overrides. */
    TrainSettings settings() throws IOException {
        TrainSettings s = spec == null ? TrainSettings.defaults() : TrainingSpec.read(spec).settings();
        if (epochs != null) {
            s = s.withEpochs(epochs);
        }
        s = s.withBudgetMinutes(budget);
        if (batch != null) {
            s = s.withBatchSize(batch);
        }
        if (lr != null) {
            s = s.withMaxLearningRate(lr);
        }
        if (l1 != null) {
            s = s.withL1(l1);
        }
        if (sgd) {
            s = s.withOptimizer(TrainSettings.OptimizerKind.SGD);
        }
        return s.withFrozenBackbone(freezeBackbone || s.freezeBackbone());
    }

    /** The line {@code train} and {@code experiment} print after each epoch. */
    static void printEpoch(EpochStats e) {
        System.out.printf("epoch %3d/%d  loss %.4f (iou %.3f, obj %.3f, cls %.3f)%s%s  lr %.2e  %.0f s%n", e.epoch(),
                e.plannedEpochs(), e.loss(), e.iouLoss(), e.objectnessLoss(), e.classLoss(),
                Double.isNaN(e.validationAp50()) ? "" : String.format("  val AP50 %.3f", e.validationAp50()),
                Double.isNaN(e.testAp50()) ? "" : String.format("  test AP50 %.3f", e.testAp50()), e.learningRate(),
                e.seconds());
    }
}
