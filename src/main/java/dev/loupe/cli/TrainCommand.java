package dev.loupe.cli;

import dev.loupe.inference.WeightsResolver;
import dev.loupe.project.Project;
import dev.loupe.train.TrainJob;
import dev.loupe.train.TrainReport;
import dev.loupe.train.TrainRequest;
import dev.loupe.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fine-tune a YOLOX detector from its ONNX weights on the TRAIN side of a dataset's split "
                + "(see 'loupe split'), in Java on DJL's PyTorch engine, and write the retrained ONNX and its "
                + "descriptor to --out, where 'loupe preannotate --models-dir DIR --model NAME' finds it."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingDataOptions data;

    @Option(names = "--model", defaultValue = "yolox_nano")
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the retrained model (default: MODEL-retrained).")
    String name;

    @Option(names = "--resume", description = "Continue the run of this --name from its last checkpoint in --out.")
    boolean resume;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        TrainSettings settings = training.settings();
        Path models = WeightsResolver.modelsDir(modelsDir);
        try (Project p = CliSupport.open(data.project)) {
            TrainRequest request = new TrainRequest(data.dataset, data.task, data.classes(p.store()), model, models, out,
                    name == null ? model + "-retrained" : name, settings, resume);
            TrainReport r = CliSupport.run("train", new TrainJob(p.store(), request, TrainingOptions::printEpoch));
            System.out.printf("Trained on %d images in %.0f s (%.2f images/s)%s; wrote %s (%s) and %s; the epoch "
                            + "curve is in %s%n", r.trainImages(), r.seconds(), r.imagesPerSecond(),
                    r.stoppedEarly() ? ", stopped early" : "", r.onnx(), r.writtenWeights(), r.descriptor(),
                    request.curveFile());
            r.unreadable().forEach(u -> System.out.printf("  left out: %s: %s%n", u.item(), u.reason()));
        }
        return 0;
    }
}
