package dev.loupe.cluster;

import dev.loupe.core.BoxCluster;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Which cluster an image belongs to: the cluster of most of its boxes, the lower cluster on a tie (as the reference). */
public final class ClusterMembership {

    private ClusterMembership() {
    }

    /** Image id to cluster, for the images of the given (original) boxes. */
    public static Map<Long, Integer> ofImages(Iterable<BoxCluster> boxes) {
        Map<Long, Map<Integer, Integer>> votes = new HashMap<>();
        for (BoxCluster b : boxes) {
            votes.computeIfAbsent(b.imageId(), k -> new TreeMap<>()).merge(b.cluster(), 1, Integer::sum);
        }
        Map<Long, Integer> out = new TreeMap<>();
        votes.forEach((image, byCluster) -> {
            int best = -1;
            int most = 0;
            for (Map.Entry<Integer, Integer> e : byCluster.entrySet()) { // ascending clusters: ties keep the lower
                if (e.getValue() > most) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            out.put(image, best);
        });
        return out;
    }
}
