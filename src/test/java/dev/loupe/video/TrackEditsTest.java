package dev.loupe.video;

import dev.loupe.core.Box;
import dev.loupe.core.ImageItem;
import dev.loupe.core.KeyBox;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.core.Track;
import dev.loupe.core.Video;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing a track's box on a frame makes it a key frame and the track's other boxes follow; ending a track. */
class TrackEditsTest {
    @TempDir
    Path tmp;

    private static Box onFrame(ProjectStore store, ImageItem frame, long task) {
        return store.boxes(frame.id()).stream().filter(b -> b.taskId() == task).findFirst().orElseThrow();
    }

    /** The shared clip's every tenth frame imported as dataset "walk"; returns the clip. */
    private static Video everyTenthFrame(ProjectStore store) throws Exception {
        new ImportVideoJob(store, "walk", List.of(SharedData.root().resolve(
                "data/video/one-by-one-person-detection.mp4")), new FrameSampling(10, 0)).run(JobContext.silent());
        return store.videos(store.requireDataset("walk").id()).get(0);
    }

    @Test
    void anEditedInterpolatedBoxBecomesAKeyFrameAndTheTrackFollows() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            ProjectStore store = p.store();
            Video video = everyTenthFrame(store);
            Task task = store.task("people", "");
            // a walk from (0, 100) on frame 0 to (400, 100) on frame 200, gone on frame 300
            Track walk = new Track(1, "person", List.of(KeyBox.at(0, 0, 100, 50, 120), KeyBox.at(200, 400, 100, 50, 120),
                    KeyBox.gone(300)));
            List<ImageItem> frames = store.images(store.frames(video.id()));
            assertEquals(30, ClipTracks.store(store, video, task, List.of(walk), frames, Source.MODEL, "test"),
                    "frames 0, 10, .., 290: shown on 0..290 (after 200 it stays)");
            ImageItem f100 = frames.get(10);
            Box middle = onFrame(store, f100, task.id());
            assertEquals(200, middle.x(), 1e-9);
            TrackEdits edits = new TrackEdits(store);
            assertFalse(TrackEdits.of(edits.tracksOf(f100, task.id()), f100, middle).orElseThrow().key(), "interpolated");

            Box moved = store.updateBox(middle.with(260, 140, 50, 120, middle.labelId(), Source.HUMAN, middle.status(), "me"));
            int followed = edits.keyed(f100, task.id(), middle, moved);
            assertEquals(18, followed, "frames 10..90 and 110..190 follow; 0, 200 and after stay");
            assertTrue(TrackEdits.of(edits.tracksOf(f100, task.id()), f100, moved).orElseThrow().key(), "a key frame now");
            assertEquals(130, onFrame(store, frames.get(5), task.id()).x(), 1e-9, "halfway from 0 to 260");
            assertEquals(120, onFrame(store, frames.get(5), task.id()).y(), 1e-9, "and from y 100 to 140");
            assertEquals(330, onFrame(store, frames.get(15), task.id()).x(), 1e-9, "halfway from 260 to 400");
            assertEquals(400, onFrame(store, frames.get(25), task.id()).x(), 1e-9, "after the last key, unchanged");

            Box late = onFrame(store, frames.get(25), task.id());
            assertEquals(5, edits.endAt(frames.get(25), task.id(), late), "frames 250..290 go");
            assertTrue(store.boxes(frames.get(27).id()).isEmpty());
            assertFalse(store.boxes(frames.get(24).id()).isEmpty());
            assertTrue(store.tracks(video.id(), task.id()).get(0).at(260).isEmpty());

            // split on frame 150: from there on a second track, its boxes where they were
            long boxes = store.countBoxes(new dev.loupe.core.BoxQuery(null, task.id(), null, null, null, null, null));
            Box at150 = onFrame(store, frames.get(15), task.id());
            assertEquals(2, edits.splitAt(frames.get(15), task.id(), at150));
            List<Track> split = store.tracks(video.id(), task.id());
            assertEquals(2, split.size());
            assertEquals(2, TrackEdits.of(split, frames.get(20), onFrame(store, frames.get(20), task.id()))
                    .orElseThrow().track().id());
            assertEquals(1, TrackEdits.of(split, frames.get(14), onFrame(store, frames.get(14), task.id()))
                    .orElseThrow().track().id());
            assertEquals(boxes, store.countBoxes(new dev.loupe.core.BoxQuery(null, task.id(), null, null, null, null,
                    null)), "splitting moves no box");
            // and joined again: one track, the same boxes
            assertEquals(0, edits.join(frames.get(15), task.id(), 1, 2, "me"));
            assertEquals(1, store.tracks(video.id(), task.id()).size());
        }
    }

    @Test
    void joiningTwoTracksOfOneObjectFillsTheFramesBetween() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            ProjectStore store = p.store();
            Video video = everyTenthFrame(store);
            Task task = store.task("people", "");
            Track first = new Track(1, "person", List.of(KeyBox.at(0, 0, 100, 50, 120), KeyBox.at(100, 100, 100, 50, 120),
                    KeyBox.gone(110)));
            Track second = new Track(2, "person", List.of(KeyBox.at(150, 150, 100, 50, 120),
                    KeyBox.at(250, 250, 100, 50, 120), KeyBox.gone(260)));
            List<ImageItem> frames = store.images(store.frames(video.id()));
            assertEquals(22, ClipTracks.store(store, video, task, List.of(first, second), frames, Source.MODEL, "t"));
            assertEquals(4, new TrackEdits(store).join(frames.get(0), task.id(), 2, 1, "me"), "frames 110..140");
            List<Track> joined = store.tracks(video.id(), task.id());
            assertEquals(1, joined.size());
            assertEquals(1, joined.get(0).id(), "the earlier keeps its number");
            assertEquals(120, onFrame(store, frames.get(12), task.id()).x(), 1e-9, "from 100 on frame 100 to 150 on 150");
        }
    }
}
