package dev.loupe.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An object followed through a clip: an id, a label and its key frames. Between two key frames the box moves
 * linearly (corner by corner); after the last one it stays where it is until a key frame marks it outside (as CVAT
 * does). Immutable: every edit returns a new track.
 */
public final class Track {
    private final long id;
    private final String label;
    private final TreeMap<Integer, KeyBox> keys = new TreeMap<>();

    public Track(long id, String label, List<KeyBox> keyFrames) {
        this.id = id;
        this.label = label;
        for (KeyBox k : keyFrames) {
            keys.put(k.frame(), k);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("track " + id + " needs at least one key frame");
        }
    }

    public long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public List<KeyBox> keyFrames() {
        return List.copyOf(keys.values());
    }

    public int firstFrame() {
        return keys.firstKey();
    }

    /** A box the track shows on a frame, and whether it is a key frame's or interpolated. */
    public record Shown(KeyBox box, boolean interpolated) {
    }

    /** The track's box on {@code frame}, if it shows there. */
    public Optional<Shown> at(int frame) {
        var before = keys.floorEntry(frame);
        if (before == null || before.getValue().outside()) {
            return Optional.empty();
        }
        if (before.getKey() == frame) {
            return Optional.of(new Shown(before.getValue(), false));
        }
        var after = keys.higherEntry(frame);
        KeyBox a = before.getValue();
        if (after == null || after.getValue().outside()) {
            return Optional.of(new Shown(a.onFrame(frame), true));
        }
        KeyBox b = after.getValue();
        double t = (double) (frame - a.frame()) / (b.frame() - a.frame());
        double x1 = lerp(a.x(), b.x(), t);
        double y1 = lerp(a.y(), b.y(), t);
        double x2 = lerp(a.x() + a.w(), b.x() + b.w(), t);
        double y2 = lerp(a.y() + a.h(), b.y() + b.h(), t);
        return Optional.of(new Shown(new KeyBox(frame, x1, y1, x2 - x1, y2 - y1, false), true));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /** The track with this key frame set (an edited interpolated box becomes a key frame). */
    public Track withKey(KeyBox key) {
        List<KeyBox> out = new ArrayList<>(keys.values());
        out.removeIf(k -> k.frame() == key.frame());
        out.add(key);
        return new Track(id, label, out);
    }

    /** The track ended on {@code frame}: it shows no more from there on (until a later key frame brings it back). */
    public Track endAt(int frame) {
        return withKey(KeyBox.gone(frame));
    }

    /**
     * Two tracks from one at {@code frame}: this id up to the frame before (its box there a key frame, then ended),
     * {@code newId} from the frame on (its box there a key frame).
     */
    public List<Track> splitAt(int frame, long newId) {
        Shown there = at(frame).orElseThrow(() -> new IllegalArgumentException("track " + id + " does not show on frame "
                + frame + ": nothing to split"));
        if (frame <= firstFrame()) {
            throw new IllegalArgumentException("track " + id + " starts on frame " + frame + ": nothing before it");
        }
        List<KeyBox> head = new ArrayList<>(keys.headMap(frame).values());
        at(frame - 1).ifPresent(before -> head.add(before.box())); // the first part keeps its motion to its end
        head.removeIf(k -> k.frame() == frame - 1 && k.outside());
        head.add(KeyBox.gone(frame));
        List<KeyBox> tail = new ArrayList<>();
        tail.add(there.box());
        tail.addAll(keys.tailMap(frame, false).values());
        return List.of(new Track(id, label, head), new Track(newId, label, tail));
    }

    /** One track from this one and a later one of the same object: the gap between them is interpolated. */
    public Track merge(Track later) {
        List<KeyBox> out = new ArrayList<>(keys.headMap(later.firstFrame()).values());
        // where this one ended is no end any more: the object goes on in the later track
        while (!out.isEmpty() && out.get(out.size() - 1).outside()) {
            out.remove(out.size() - 1);
        }
        out.addAll(later.keys.values());
        return new Track(id, label, out);
    }
}
