package dev.loupe.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.metrics.PointTables;

import java.util.List;

/**
 * How to cluster a dataset's boxes: which boxes (label, task; null = all), which features, k and the seed for
 * k-means, and UMAP's neighbours and minimum distance (manhattan metric, as the reference used).
 */
public record ClusterSettings(int k, long seed, String label, String task, List<String> features, int neighbours,
                              double minDist) {

    /** The reference's vector: [R mean, G mean, B mean, gray std, gray entropy, relative area]. */
    public static final List<String> REFERENCE_FEATURES = List.of("mean R", "mean G", "mean B", "gray std",
            PointTables.GRAY_ENTROPY, PointTables.RELATIVE_AREA);

    public ClusterSettings {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (neighbours < 2) {
            throw new IllegalArgumentException("UMAP needs at least 2 neighbours, got " + neighbours);
        }
        features = List.copyOf(features);
    }

    /** k = 4, UMAP with 5 neighbours and min_dist 0.2, the reference's features, for one label (or all). */
    public static ClusterSettings reference(String label, String task, long seed) {
        return new ClusterSettings(4, seed, label, task, REFERENCE_FEATURES, 5, 0.2);
    }

    public ClusterSettings withK(int newK) {
        return new ClusterSettings(newK, seed, label, task, features, neighbours, minDist);
    }

    String toJson() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings a stored run was made with. */
    public static ClusterSettings ofRun(dev.loupe.core.ClusterRun run) {
        return fromJson(run.settings());
    }

    private static ClusterSettings fromJson(String json) {
        try {
            return new ObjectMapper().readValue(json, ClusterSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable cluster settings: " + json, e);
        }
    }
}
