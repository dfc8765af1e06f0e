package dev.loupe.video;

import dev.loupe.core.KeyBox;
import dev.loupe.core.Track;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interpolation between key frames, editing a track, and key frames found from a box per frame. */
class TrackTest {
    private static final double EPS = 1e-9;

    private static Track walker() {
        // 10 x 20 at (0, 0) on frame 0, 30 x 40 at (100, 50) on frame 10, gone on frame 20
        return new Track(7, "person", List.of(KeyBox.at(0, 0, 0, 10, 20), KeyBox.at(10, 100, 50, 30, 40),
                KeyBox.gone(20)));
    }

    @Test
    void betweenKeyFramesEachCornerMovesLinearly() {
        Track t = walker();
        Track.Shown mid = t.at(5).orElseThrow();
        assertTrue(mid.interpolated());
        // top-left (0,0) -> (100,50); bottom-right (10,20) -> (130,90): halfway (50,25) and (70,55)
        assertEquals(50, mid.box().x(), EPS);
        assertEquals(25, mid.box().y(), EPS);
        assertEquals(20, mid.box().w(), EPS);
        assertEquals(30, mid.box().h(), EPS);
        assertFalse(t.at(10).orElseThrow().interpolated(), "a key frame's own box");
        assertEquals(100, t.at(15).orElseThrow().box().x(), EPS, "after the last key the box stays");
        assertTrue(t.at(20).isEmpty() && t.at(25).isEmpty(), "gone from its outside key frame on");
        assertTrue(new Track(1, "p", List.of(KeyBox.at(3, 0, 0, 1, 1))).at(2).isEmpty(), "nothing before it starts");
    }

    @Test
    void editingAnInterpolatedBoxMakesItAKeyFrame() {
        Track edited = walker().withKey(KeyBox.at(5, 60, 25, 20, 30));
        assertEquals(4, edited.keyFrames().size());
        assertFalse(edited.at(5).orElseThrow().interpolated());
        assertEquals(36, edited.at(3).orElseThrow().box().x(), EPS, "0 -> 60 over frames 0..5: 3/5 of the way");
    }

    @Test
    void aTrackSplitsIntoTwoAndTwoMergeIntoOne() {
        List<Track> parts = walker().splitAt(5, 8);
        Track head = parts.get(0);
        Track tail = parts.get(1);
        assertTrue(head.at(5).isEmpty(), "the first part ends where the second starts");
        assertEquals(40, head.at(4).orElseThrow().box().x(), EPS);
        assertEquals(8, tail.id());
        assertEquals(50, tail.at(5).orElseThrow().box().x(), EPS);
        assertFalse(tail.at(5).orElseThrow().interpolated());
        Track merged = head.merge(tail);
        for (int f = 0; f < 25; f++) {
            assertEquals(walker().at(f).map(s -> s.box().x()), merged.at(f).map(s -> s.box().x()), "frame " + f);
        }
        assertThrows(IllegalArgumentException.class, () -> walker().splitAt(0, 9));
        assertTrue(walker().endAt(12).at(13).isEmpty());
    }

    @Test
    void keyFramesAreTheFewestThatKeepTheInterpolationWithinTheTolerance() {
        List<KeyBox> perFrame = new ArrayList<>();
        for (int f = 0; f <= 20; f++) { // straight from 0 to 100 over frames 0..10, then back to 0 by frame 20
            double x = f <= 10 ? 10 * f : 10 * (20 - f);
            perFrame.add(KeyBox.at(f, x, 5, 10, 10));
        }
        List<KeyBox> keys = KeyFrames.reduce(perFrame, 0.5, 0);
        assertEquals(List.of(0, 10, 20), keys.stream().map(KeyBox::frame).toList());
        Track t = new Track(1, "p", keys);
        for (KeyBox b : perFrame) {
            assertEquals(b.x(), t.at(b.frame()).orElseThrow().box().x(), EPS);
        }
        perFrame.remove(15); // frame 15 missing: with no gap allowed the track ends and comes back
        List<KeyBox> gapped = KeyFrames.reduce(perFrame, 0.5, 0);
        assertTrue(gapped.contains(KeyBox.gone(15)), gapped.toString());
        assertTrue(new Track(1, "p", gapped).at(15).isEmpty());
        assertEquals(List.of(0, 10, 20), KeyFrames.reduce(perFrame, 0.5, 1).stream().map(KeyBox::frame).toList(),
                "a one-frame gap allowed: interpolated over, as the motion there is straight");
    }
}
