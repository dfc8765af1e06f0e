package dev.loupe.video;

import dev.loupe.core.BoxQuery;
import dev.loupe.core.Track;
import dev.loupe.core.Video;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pre-annotating a clip as tracks: stored with their key frames, and as boxes on the imported frames. */
class TrackJobTest {
    @TempDir
    Path tmp;

    @Test
    void eachPersonWalkingThroughBecomesOneTrackStoredWithItsKeyFramesAndItsBoxesOnEveryFrame() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"));
             Detector detector = Detectors.load("yolox_nano", SharedData.root().resolve("models"),
                     new Detectors.DetectorConfigOverrides(0.1, null, null, null, null, Set.of("person")), b -> { })) {
            new ImportVideoJob(p.store(), "walk", List.of(SharedData.root().resolve(
                    "data/video/one-by-one-person-detection.mp4")), new FrameSampling(2, 0)).run(JobContext.silent());
            TrackReport r = new TrackJob(p.store(), detector, new TrackRequest("walk", "tracks",
                    TrackerConfig.defaults(), "test")).run(JobContext.silent());
            assertEquals(1, r.clips());
            assertEquals(697, r.frames(), "every second frame");
            assertTrue(r.tracks() >= 4 && r.tracks() <= 8, "about one per person: " + r.tracks());
            assertTrue(r.keyFrames() < r.boxes() / 2, r.keyFrames() + " key frames for " + r.boxes() + " boxes");

            Video video = p.store().videos(p.store().requireDataset("walk").id()).get(0);
            long task = p.store().task("tracks", "").id();
            List<Track> stored = p.store().tracks(video.id(), task);
            assertEquals(r.tracks(), stored.size());
            assertEquals(r.boxes(), p.store().countBoxes(new BoxQuery(null, task, null, null, null, null, null)));

            TrackReport again = new TrackJob(p.store(), detector, new TrackRequest("walk", "tracks",
                    TrackerConfig.defaults(), "test")).run(JobContext.silent());
            assertEquals(r.boxes(), p.store().countBoxes(new BoxQuery(null, task, null, null, null, null, null)),
                    "run again, it replaces its boxes: " + again);
            assertEquals(r.tracks(), p.store().tracks(video.id(), task).size());
        }
    }
}
