package dev.loupe.cluster;

import dev.loupe.core.AugmentedImage;
import dev.loupe.core.BoxCluster;
import dev.loupe.core.ClusterRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Objects and images per cluster, as the reference printed them, with the augmented copies made for each
 * cluster beside the originals; plus what UMAP left out and the suggested k.
 */
public record ClusterReport(long runId, int k, List<Cluster> clusters, int boxes, int leftOutByUmap,
                            Map<Integer, Double> silhouetteByK) {

    /** One cluster: original objects and images, and augmented images and objects made for it. */
    public record Cluster(int cluster, int objects, int images, int augmentedImages, int augmentedObjects) {
        public int totalImages() {
            return images + augmentedImages;
        }
    }

    public ClusterReport {
        clusters = List.copyOf(clusters);
        silhouetteByK = Map.copyOf(silhouetteByK);
    }

    /** The k with the highest silhouette among those tried, or 0 when none was tried. */
    public int suggestedK() {
        return silhouetteByK.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
    }

    /** Counts a stored run; augmented boxes are those on the given augmented images. */
    public static ClusterReport of(ClusterRun run, List<AugmentedImage> augmented, Map<Integer, Double> silhouette) {
        Set<Long> augmentedIds = augmented.stream().map(AugmentedImage::imageId).collect(Collectors.toSet());
        List<BoxCluster> originals = run.boxes().stream().filter(b -> !augmentedIds.contains(b.imageId())).toList();
        int[] objects = new int[run.k()];
        int[] augmentedObjects = new int[run.k()];
        int[] images = new int[run.k()];
        int[] augmentedImages = new int[run.k()];
        int leftOut = 0;
        for (BoxCluster b : run.boxes()) {
            if (augmentedIds.contains(b.imageId())) {
                augmentedObjects[b.cluster()]++;
            } else {
                objects[b.cluster()]++;
            }
            if (Double.isNaN(b.umapX())) {
                leftOut++;
            }
        }
        ClusterMembership.ofImages(originals).values().forEach(c -> images[c]++);
        for (AugmentedImage a : augmented) {
            if (a.cluster() >= 0 && a.cluster() < run.k()) {
                augmentedImages[a.cluster()]++;
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < run.k(); c++) {
            clusters.add(new Cluster(c, objects[c], images[c], augmentedImages[c], augmentedObjects[c]));
        }
        return new ClusterReport(run.id(), run.k(), clusters, run.boxes().size(), leftOut, silhouette);
    }
}
