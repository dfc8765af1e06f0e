package dev.loupe.bench;

import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateReport;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.video.FrameSampling;
import dev.loupe.video.ImportVideoJob;
import dev.loupe.video.TrackJob;
import dev.loupe.video.TrackReport;
import dev.loupe.video.TrackRequest;
import dev.loupe.video.TrackerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Pre-annotating a clip as tracks (decode in order, detect on every session, track) against pre-annotating the same
 * imported frames as images (the frames decoded from the clip by each session's thread), with the same model and
 * sessions. Medians of several runs.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = "Pre-annotate + track frames/s against pre-annotation of the same frames as images.")
final class TrackBench implements Callable<Integer> {

    @Option(names = "--clip", required = true)
    Path clip;

    @Option(names = "--models-dir", required = true, paramLabel = "DIR")
    Path modelsDir;

    @Option(names = "--model", defaultValue = "yolox_nano")
    String model;

    @Option(names = "--every", defaultValue = "1", paramLabel = "K", description = "Every K-th frame (default: all).")
    int every;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; medians are reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("loupe-bench-track");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (Project p = Project.create(work.resolve("project"));
             Detector detector = Detectors.load(model, modelsDir, new Detectors.DetectorConfigOverrides(
                     TrackerConfig.defaults().lowScore(), null, null, null, null, Set.of("person")), b -> { })) {
            new ImportVideoJob(p.store(), "clip", List.of(clip), new FrameSampling(every, 0)).run(JobContext.silent());
            double[] images = new double[runs];
            double[] tracked = new double[runs];
            TrackReport last = null;
            for (int r = 0; r <= runs; r++) { // run 0 warms both up
                PreannotateReport pre = new PreannotateJob(p.store(), detector, new PreannotateRequest("clip",
                        "images-" + r, Set.of("person"), null, null, 0, null)).run(JobContext.silent());
                last = new TrackJob(p.store(), detector, new TrackRequest("clip", "tracks-" + r,
                        TrackerConfig.defaults(), "bench")).run(JobContext.silent());
                if (r > 0) {
                    images[r - 1] = pre.imagesPerSecond();
                    tracked[r - 1] = last.framesPerSec();
                    System.err.printf("run %d: as images %.1f frames/s, as tracks %.1f frames/s on %d sessions%n", r,
                            images[r - 1], tracked[r - 1], detector.config().sessions());
                }
            }
            figures.put("frames", last.frames());
            figures.put("sessions", detector.config().sessions());
            figures.put("tracks", last.tracks());
            figures.put("keyFrames", last.keyFrames());
            figures.put("boxes", last.boxes());
            figures.put("preannotateFps", GalleryBench.round(GalleryBench.median(images)));
            figures.put("trackFps", GalleryBench.round(GalleryBench.median(tracked)));
            figures.put("trackRatio", GalleryBench.round(GalleryBench.median(tracked) / GalleryBench.median(images)));
        } finally {
            GalleryBench.deleteTree(work);
        }
        BenchOutput.print(figures, json);
        return 0;
    }
}
