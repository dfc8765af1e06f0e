package dev.loupe.video;

import dev.loupe.core.Track;

import dev.loupe.inference.Detection;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.Preprocessor;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracker on made-up crossings, and on the shared clip with YOLOX-Nano's detections. */
class SortTrackerTest {

    @Test
    void twoPeopleCrossingKeepTheirIdsThroughAMissedStretch() {
        SortTracker tracker = new SortTracker(TrackerConfig.defaults());
        for (int f = 0; f < 60; f++) {
            List<Sighting> seen = new ArrayList<>();
            seen.add(new Sighting("person", 0.9, 10 + 6 * f, 100, 40, 90)); // left to right
            if (f < 20 || f > 24) { // the other one hidden for five frames
                seen.add(new Sighting("person", 0.9, 400 - 6 * f, 110, 40, 90));
            }
            seen.add(new Sighting("person", 0.2, 700, 300, 40, 90)); // unsure and alone: starts nothing
            tracker.frame(f, seen);
        }
        List<Track> tracks = tracker.tracks();
        assertEquals(2, tracks.size(), tracks.toString());
        Track right = tracks.get(0);
        assertEquals(10 + 6 * 59, right.at(59).orElseThrow().box().x(), 1e-6, "the first keeps going right");
        Track left = tracks.get(1);
        assertEquals(400 - 6 * 22, left.at(22).orElseThrow().box().x(), 4.0, "interpolated through the hidden stretch");
        assertTrue(left.keyFrames().size() <= 4, "a straight walk needs few key frames: " + left.keyFrames());
    }

    @Test
    void peopleWalkingThroughTheSharedClipGetStableTracks() throws Exception {
        List<List<Sighting>> perFrame = new ArrayList<>();
        try (Detector detector = Detectors.load("yolox_nano", SharedData.root().resolve("models"),
                new Detectors.DetectorConfigOverrides(0.1, null, null, 1, null, Set.of("person")), b -> { });
             VideoClip clip = VideoClip.open(SharedData.root().resolve("data/video/one-by-one-person-detection.mp4"))) {
            Preprocessor prep = new Preprocessor(detector.descriptor());
            for (int f = 0; f < clip.info().frames(); f++) {
                List<Sighting> seen = new ArrayList<>();
                for (Detection d : detector.session(0).detect(prep.prepare(clip.frame(f)))) {
                    seen.add(new Sighting(d.label(), d.score(), d.x(), d.y(), d.w(), d.h()));
                }
                perFrame.add(seen);
            }
        }
        SortTracker tracker = new SortTracker(TrackerConfig.defaults());
        for (int f = 0; f < perFrame.size(); f++) {
            tracker.frame(f, perFrame.get(f));
        }
        List<Track> tracks = tracker.tracks();
        // people come through one by one: each visit (detections with gaps no longer than a track may go unseen) is
        // one person, and a stable tracker follows each with one track
        TrackerConfig config = TrackerConfig.defaults();
        List<int[]> visits = new ArrayList<>();
        int lastSeen = Integer.MIN_VALUE / 2;
        for (int f = 0; f < perFrame.size(); f++) {
            if (perFrame.get(f).stream().anyMatch(x -> x.score() >= config.highScore())) {
                if (f - lastSeen > config.maxMissed() + 1) {
                    visits.add(new int[]{f, f});
                }
                visits.get(visits.size() - 1)[1] = f;
                lastSeen = f;
            }
        }
        long keyFrames = tracks.stream().mapToLong(t -> t.keyFrames().size()).sum();
        long shown = 0;
        for (int f = 0; f < perFrame.size(); f++) {
            for (Track t : tracks) {
                shown += t.at(f).isPresent() ? 1 : 0;
            }
        }
        System.out.printf("%d visits, %d tracks, %d boxes shown from %d key frames%n", visits.size(), tracks.size(),
                shown, keyFrames);
        assertTrue(visits.size() >= 4, "people come through: " + visits.size());
        assertEquals(visits.size(), tracks.size(), "one track per person: no id switches, no broken tracks");
        for (int i = 0; i < visits.size(); i++) {
            Track t = tracks.get(i);
            int[] v = visits.get(i);
            assertTrue(t.at(v[0]).isPresent() && t.at(v[1]).isPresent(), "track " + t.id() + " covers visit "
                    + v[0] + ".." + v[1]);
        }
        assertTrue(keyFrames < shown / 2, "a reviewer corrects key frames, not every frame: " + keyFrames + " of " + shown);
    }
}
