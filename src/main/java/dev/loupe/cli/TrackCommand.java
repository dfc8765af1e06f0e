package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.project.Project;
import dev.loupe.project.Workspace;
import dev.loupe.video.TrackJob;
import dev.loupe.video.TrackReport;
import dev.loupe.video.TrackRequest;
import dev.loupe.video.TrackerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "track", mixinStandardHelpOptions = true,
        description = {"Pre-annotate a dataset's clips as tracks: a detector on every imported frame, its detections "
                + "linked from frame to frame (Kalman-predicted boxes, Hungarian matching, unsure detections in a "
                + "second pass), each track keeping only the key frames its boxes need.",
                "The task gets the tracks and their boxes on the imported frames (interpolated ones included)."})
final class TrackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--model", defaultValue = "yolox_nano", paramLabel = "NAME")
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Folder with weights and extra descriptors.")
    Path modelsDir;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "Task for the tracks.")
    String task;

    @Option(names = "--classes", split = ",", paramLabel = "CLASS", description = "Track only these classes.")
    List<String> classes = new ArrayList<>();

    @Option(names = "--tolerance", defaultValue = "4", paramLabel = "PX", description = "A key frame wherever "
            + "interpolation would miss the tracked box by more than this many pixels (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TrackerConfig defaults = TrackerConfig.defaults();
        TrackerConfig config = new TrackerConfig(defaults.highScore(), defaults.lowScore(), defaults.matchIou(),
                defaults.minHits(), defaults.maxMissed(), tolerance);
        try (Project p = CliSupport.open(project);
             Detector detector = Detectors.load(model, modelsDir, new Detectors.DetectorConfigOverrides(
                     defaults.lowScore(), null, null, null, null, Set.copyOf(classes)), bytes -> { })) {
            String author = p.store().login().orElseGet(() -> Workspace.fromEnvironment().settings().userName());
            TrackReport r = CliSupport.run("track", new TrackJob(p.store(), detector,
                    new TrackRequest(dataset, task, config, author)));
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                System.out.printf("%d clips, %,d frames (%.1f frames/s): %d tracks with %,d key frames, %,d boxes in "
                        + "task '%s'%n", r.clips(), r.frames(), r.framesPerSec(), r.tracks(), r.keyFrames(), r.boxes(), task);
            }
        }
        return 0;
    }
}
