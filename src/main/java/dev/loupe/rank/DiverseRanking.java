package dev.loupe.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Picks images greedily by uncertainty discounted by likeness to those already picked, so the top of the list spreads
 * over what the model sees instead of repeating one kind of scene: value = uncertainty x (1 - diversity x likeness),
 * likeness being the greatest cosine between the image's profile (summed prediction scores per class) and a picked
 * one's. A near-duplicate of a picked image is never picked (labelling it would teach nothing new). Values only fall as
 * picks are added, so a lazy queue recomputes an image only when it reaches the top.
 */
public final class DiverseRanking {

    /** One image to rank: its uncertainty and its class profile (any length, the same for all). */
    public record Candidate(long imageId, double uncertainty, double[] profile) {
    }

    /** A candidate's value as last computed. */
    private record Entry(double value, int index) {
    }

    private DiverseRanking() {
    }

    /**
     * The first {@code top} images by value, best first.
     *
     * @param diversity 0: uncertainty alone; 1: an image just like a picked one is worth nothing
     * @param groups    near-duplicate groups (image id to group name, as {@link dev.loupe.core.ImageGroups#names()}: an
     *                  image not in it names its own group)
     */
    public static List<RankedImage> rank(List<Candidate> candidates, int top, double diversity,
                                         Map<Long, Long> groups) {
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new IllegalArgumentException("diversity lies within [0, 1], got " + diversity);
        }
        int n = candidates.size();
        double[][] unit = new double[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = normalised(candidates.get(i).profile());
        }
        double[] likeness = new double[n];
        int[] seen = new int[n]; // how many picks each likeness covers
        PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.value() != b.value()
                ? Double.compare(b.value(), a.value())
                : Long.compare(candidates.get(a.index()).imageId(), candidates.get(b.index()).imageId()));
        for (int i = 0; i < n; i++) {
            queue.add(new Entry(candidates.get(i).uncertainty(), i));
        }
        List<Integer> picked = new ArrayList<>();
        Set<Long> pickedGroups = new HashSet<>();
        List<RankedImage> out = new ArrayList<>();
        while (out.size() < top && !queue.isEmpty()) {
            Entry head = queue.poll();
            int i = head.index();
            Candidate c = candidates.get(i);
            long group = groups.getOrDefault(c.imageId(), c.imageId());
            if (pickedGroups.contains(group)) {
                continue;
            }
            if (seen[i] < picked.size()) {
                for (int k = seen[i]; k < picked.size(); k++) {
                    likeness[i] = Math.max(likeness[i], dot(unit[i], unit[picked.get(k)]));
                }
                seen[i] = picked.size();
                queue.add(new Entry(c.uncertainty() * (1 - diversity * likeness[i]), i));
                continue;
            }
            picked.add(i);
            pickedGroups.add(group);
            out.add(new RankedImage(c.imageId(), c.uncertainty(), head.value(), likeness[i]));
        }
        return out;
    }

    private static double[] normalised(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] out = new double[v.length];
        for (int k = 0; k < v.length && norm > 0; k++) {
            out[k] = v[k] / norm;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
