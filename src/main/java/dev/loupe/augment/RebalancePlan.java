package dev.loupe.augment;

import dev.loupe.cluster.ClusterMembership;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.BoxCluster;
import dev.loupe.core.ClusterRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How many augmented copies of which images bring every cluster to the target number of images: each cluster's
 * images are copied in turn (round robin, ascending ids) until it holds the target; a cluster already at or above
 * it gets none. Copy n of a cluster has a fixed seed and file name, so a plan made again after an interruption
 * continues where the last one stopped.
 */
public record RebalancePlan(int target, List<ClusterPlan> clusters, List<Copy> copies) {

    /** One cluster: its original images, the copies it already has, and the copies planned now. */
    public record ClusterPlan(int cluster, int images, int existingCopies, int plannedCopies) {
        public int after() {
            return images + existingCopies + plannedCopies;
        }
    }

    /** Copy number {@code index} of a cluster, made from {@code sourceImageId}. */
    public record Copy(int cluster, int index, long sourceImageId, long seed) {
        /** The file under the augmentation folder. */
        public String fileName() {
            return String.format("cluster-%d/%06d.jpg", cluster, index);
        }

        /** The image's path in the dataset. */
        public String relativePath() {
            return "augmented/" + fileName();
        }
    }

    public RebalancePlan {
        clusters = List.copyOf(clusters);
        copies = List.copyOf(copies);
    }

    public static RebalancePlan make(ClusterRun run, List<AugmentedImage> existing, int target, long seed) {
        if (target < 1) {
            throw new IllegalArgumentException("the target must be at least 1 image per cluster, got " + target);
        }
        Set<Long> augmented = existing.stream().map(AugmentedImage::imageId).collect(Collectors.toSet());
        List<BoxCluster> originals = run.boxes().stream().filter(b -> !augmented.contains(b.imageId())).toList();
        Map<Long, Integer> membership = ClusterMembership.ofImages(originals);
        List<ClusterPlan> plans = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        for (int c = 0; c < run.k(); c++) {
            int cluster = c;
            long[] sources = membership.entrySet().stream().filter(e -> e.getValue() == cluster)
                    .mapToLong(Map.Entry::getKey).sorted().toArray();
            int have = (int) existing.stream().filter(a -> a.cluster() == cluster).count();
            int need = sources.length == 0 ? 0 : Math.max(0, target - sources.length - have);
            for (int j = have; j < have + need; j++) {
                copies.add(new Copy(c, j, sources[j % sources.length], mix(seed, c, j)));
            }
            plans.add(new ClusterPlan(c, sources.length, have, need));
        }
        return new RebalancePlan(target, plans, copies);
    }

    /** A well-spread seed per (plan seed, cluster, copy) (SplitMix64's finaliser). */
    static long mix(long seed, int cluster, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + cluster * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
