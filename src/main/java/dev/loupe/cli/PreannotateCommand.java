package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateReport;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.jobs.JobProblem;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "preannotate", mixinStandardHelpOptions = true,
        description = {"Run a pretrained detector over a dataset; its boxes become MODEL predictions, PENDING review.",
                "Resumable: images this model version already ran on for the task are skipped. Weights come from "
                        + "--models-dir (or $LOUPE_MODELS), else the download cache, else the descriptor's URL."})
final class PreannotateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "The project folder.")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--model", defaultValue = "yolox_nano", paramLabel = "NAME",
            description = "Model descriptor name (default ${DEFAULT-VALUE}; also fastestdet, or one in --models-dir).")
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Folder with weights and extra descriptors.")
    Path modelsDir;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "Task for the predictions.")
    String task;

    @Option(names = "--classes", split = ",", paramLabel = "CLASS", description = "Keep only these classes, e.g. person.")
    List<String> classes = new ArrayList<>();

    @Option(names = "--score", paramLabel = "P", description = "Minimum score (default: the descriptor's).")
    Double score;

    @Option(names = "--nms", paramLabel = "IOU", description = "Class-aware NMS IoU threshold (default: the descriptor's).")
    Double nms;

    @Option(names = "--max-detections", paramLabel = "N", description = "Boxes per image at most.")
    Integer maxDetections;

    @Option(names = "--kitti-out", paramLabel = "DIR", description = "Also write KITTI label files with scores here.")
    Path kittiOut;

    @Option(names = "--sessions", paramLabel = "N", description = "Engine sessions, one per inference thread (default: cores).")
    Integer sessions;

    @Option(names = "--threads", paramLabel = "N", description = "Engine threads per session (default 1).")
    Integer threads;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "0", description = "Threads that decode images ahead of the sessions "
            + "(default 0: each session's thread decodes its own next image, the fastest on CPU cores).")
    int decodeThreads;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project);
             Detector detector = Detectors.load(model, modelsDir, new Detectors.DetectorConfigOverrides(score, nms,
                     maxDetections, sessions, threads, Set.copyOf(classes)), bytes -> System.err.printf("\rdownloading %s: %,d bytes", model, bytes))) {
            CliSupport.remember(p);
            PreannotateReport r = CliSupport.run("preannotate", new PreannotateJob(p.store(), detector,
                    new PreannotateRequest(dataset, task, Set.copyOf(classes), null, kittiOut, decodeThreads)));
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
                return 0;
            }
            System.out.printf("%s on %s: %d images in %.1f s (%.1f images/s), %d boxes stored in task '%s'%s%n",
                    detector.descriptor().name(), detector.device(), r.images(), r.seconds(), r.imagesPerSecond(),
                    r.boxes(), task, r.alreadyDone() > 0 ? " (" + r.alreadyDone() + " images were already done)" : "");
            for (JobProblem s : r.skipped()) {
                System.out.println("  skipped " + s.item() + ": " + s.reason());
            }
        }
        return 0;
    }
}
