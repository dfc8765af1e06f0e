package dev.loupe.video;

import dev.loupe.core.KeyBox;
import dev.loupe.core.Track;

import dev.loupe.core.Hungarian;

import java.util.ArrayList;
import java.util.List;

/**
 * Links detections frame by frame into tracks, SORT-style: each track's box is predicted with a Kalman filter,
 * detections are matched to predictions one to one by IoU (Hungarian assignment), sure detections first and then
 * unsure ones for the tracks still unmatched (ByteTrack's second association, which keeps a track through a
 * partly hidden stretch). Sure detections left over start tracks; a track unseen for too long ends. Labels are
 * tracked apart. Feed frames in order, then take the tracks, each with the key frames its boxes need.
 */
public final class SortTracker {
    private final TrackerConfig config;
    private final List<Live> live = new ArrayList<>();
    private final List<Live> ended = new ArrayList<>();

    public SortTracker(TrackerConfig config) {
        this.config = config;
    }

    /** A track being followed: its filter, the boxes it was seen with, how long it has gone unseen. */
    private static final class Live {
        final String label;
        final BoxKalman motion;
        final List<KeyBox> seen = new ArrayList<>();
        int missed;

        Live(String label, int frame, Sighting s) {
            this.label = label;
            this.motion = new BoxKalman(s.x(), s.y(), s.w(), s.h());
            seen.add(KeyBox.at(frame, s.x(), s.y(), s.w(), s.h()));
        }

        void hit(int frame, Sighting s) {
            motion.update(s.x(), s.y(), s.w(), s.h());
            seen.add(KeyBox.at(frame, s.x(), s.y(), s.w(), s.h()));
            missed = 0;
        }
    }

    /** The detections of the next frame. */
    public void frame(int frame, List<Sighting> detections) {
        live.forEach(t -> t.motion.predict());
        List<Sighting> sure = detections.stream().filter(d -> d.score() >= config.highScore()).toList();
        List<Sighting> unsure = detections.stream().filter(d -> d.score() >= config.lowScore()
                && d.score() < config.highScore()).toList();
        List<Live> unmatched = match(frame, new ArrayList<>(live), sure, true);
        unmatched = match(frame, unmatched, unsure, false);
        for (Live t : unmatched) {
            t.missed++;
        }
        live.removeIf(t -> {
            if (t.missed > config.maxMissed()) {
                ended.add(t);
                return true;
            }
            return false;
        });
    }

    /** Matches tracks to detections; unmatched sure detections start tracks. Returns the tracks left unmatched. */
    private List<Live> match(int frame, List<Live> tracks, List<Sighting> found, boolean startNew) {
        double[][] w = new double[tracks.size()][found.size()];
        for (int i = 0; i < tracks.size(); i++) {
            double[] p = tracks.get(i).motion.box();
            for (int j = 0; j < found.size(); j++) {
                Sighting s = found.get(j);
                double iou = s.label().equals(tracks.get(i).label) ? iou(p, s) : 0;
                w[i][j] = iou >= config.matchIou() ? iou : 0;
            }
        }
        int[] col = Hungarian.maximize(w);
        boolean[] used = new boolean[found.size()];
        List<Live> left = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            if (col[i] >= 0) {
                tracks.get(i).hit(frame, found.get(col[i]));
                used[col[i]] = true;
            } else {
                left.add(tracks.get(i));
            }
        }
        if (startNew) {
            for (int j = 0; j < found.size(); j++) {
                if (!used[j]) {
                    live.add(new Live(found.get(j).label(), frame, found.get(j)));
                }
            }
        }
        return left;
    }

    private static double iou(double[] p, Sighting s) {
        double iw = Math.min(p[0] + p[2], s.x() + s.w()) - Math.max(p[0], s.x());
        double ih = Math.min(p[1] + p[3], s.y() + s.h()) - Math.max(p[1], s.y());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (p[2] * p[3] + s.w() * s.h() - inter);
    }

    /**
     * The tracks seen on at least {@code minHits} frames, numbered from 1 in the order they started, each with the key
     * frames that keep its interpolation within the tolerance (a stretch unseen ends it there until it is seen again).
     */
    public List<Track> tracks() {
        List<Live> all = new ArrayList<>(ended);
        all.addAll(live);
        all.sort(java.util.Comparator.comparingInt(t -> t.seen.get(0).frame()));
        List<Track> out = new ArrayList<>();
        long nextId = 1;
        for (Live t : all) {
            if (t.seen.size() >= config.minHits()) {
                List<KeyBox> keys = new ArrayList<>(KeyFrames.reduce(t.seen, config.tolerancePx(), config.maxMissed()));
                keys.add(KeyBox.gone(t.seen.get(t.seen.size() - 1).frame() + 1));
                out.add(new Track(nextId++, t.label, keys));
            }
        }
        return out;
    }
}
