package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.cluster.ClusterJob;
import dev.loupe.cluster.ClusterReport;
import dev.loupe.cluster.ClusterSettings;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Cluster a dataset's boxes with k-means on their feature vectors (by default the reference's "
                + "[R mean, G mean, B mean, gray std, gray entropy, relative area], standardised) and embed them in 2-D "
                + "with UMAP; prints objects and images per cluster and a suggested k."})
final class ClusterCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--k", defaultValue = "4", description = "Number of clusters (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--label", paramLabel = "NAME", description = "Only boxes with this label (default: all).")
    String label;

    @Option(names = "--task", paramLabel = "NAME", description = "Only boxes of this task (default: all).")
    String task;

    @Option(names = "--features", split = ",", paramLabel = "NAME",
            description = "Box columns to use, comma-separated (metrics or 'metadata: FIELD'; default: the reference's six).")
    List<String> features;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of k-means and UMAP (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--neighbours", defaultValue = "5", description = "UMAP n_neighbors (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--min-dist", defaultValue = "0.2", description = "UMAP min_dist (default: ${DEFAULT-VALUE}).")
    double minDist;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ClusterSettings settings = new ClusterSettings(k, seed, label, task,
                features == null ? ClusterSettings.REFERENCE_FEATURES : features, neighbours, minDist);
        try (Project p = CliSupport.open(project)) {
            ClusterReport r = CliSupport.run("cluster", new ClusterJob(p.store(), dataset, settings));
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(r)));
            } else {
                print(r);
            }
        }
        return 0;
    }

    static void print(ClusterReport r) {
        System.out.printf("%,d boxes in %d clusters (run %d)%n", r.boxes(), r.k(), r.runId());
        System.out.printf("  %-8s %9s %9s %11s %11s %9s%n", "cluster", "objects", "images", "aug images", "aug objects",
                "total img");
        for (ClusterReport.Cluster c : r.clusters()) {
            System.out.printf("  %-8d %9d %9d %11d %11d %9d%n", c.cluster(), c.objects(), c.images(),
                    c.augmentedImages(), c.augmentedObjects(), c.totalImages());
        }
        if (r.leftOutByUmap() > 0) {
            System.out.printf("UMAP left out %d boxes not connected to the main neighbour graph (they are clustered, "
                    + "not placed)%n", r.leftOutByUmap());
        }
        if (!r.silhouetteByK().isEmpty()) {
            StringBuilder s = new StringBuilder();
            r.silhouetteByK().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> s.append(String.format(" k=%d: %.3f", e.getKey(), e.getValue())));
            System.out.printf("Suggested k: %d (mean silhouette%s)%n", r.suggestedK(), s);
        }
    }

    static Map<String, Object> toJson(ClusterReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", r.runId());
        out.put("k", r.k());
        out.put("boxes", r.boxes());
        out.put("leftOutByUmap", r.leftOutByUmap());
        out.put("suggestedK", r.suggestedK());
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (ClusterReport.Cluster c : r.clusters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cluster", c.cluster());
            m.put("objects", c.objects());
            m.put("images", c.images());
            m.put("augmentedImages", c.augmentedImages());
            m.put("augmentedObjects", c.augmentedObjects());
            clusters.add(m);
        }
        out.put("clusters", clusters);
        out.put("silhouetteByK", new java.util.TreeMap<>(r.silhouetteByK()));
        return out;
    }
}
