package dev.loupe.ui.explore;

import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;
import dev.loupe.core.Label;
import dev.loupe.core.MetadataValue;
import dev.loupe.jobs.JobContext;
import dev.loupe.metrics.MetricsJob;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The metrics of one dataset, loaded (and computed where missing) off the FX thread, ready to plot. */
public final class ExploreViewModel {
    private final List<ImageMetrics> images;
    private final Map<String, List<BoxMetrics>> boxesByLabel;
    /** Every plottable image series by name: built-in metrics, then numeric metadata fields. */
    private final Map<String, double[]> axes = new java.util.LinkedHashMap<>();

    private ExploreViewModel(List<ImageMetrics> images, Map<String, List<BoxMetrics>> boxesByLabel,
                             List<MetadataValue> metadata) {
        this.images = images;
        this.boxesByLabel = boxesByLabel;
        for (ImageAxis a : ImageAxis.values()) {
            double[] v = new double[images.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.of(images.get(i), i);
            }
            axes.put(a.title, v);
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            index.put(images.get(i).imageId(), i);
        }
        for (MetadataValue m : metadata) {
            Integer i = index.get(m.imageId());
            if (m.isNumber() && i != null) {
                axes.computeIfAbsent(METADATA + m.field(), k -> {
                    double[] v = new double[images.size()];
                    java.util.Arrays.fill(v, Double.NaN);
                    return v;
                })[i] = m.number();
            }
        }
    }

    /** Prefix of custom metadata series. */
    static final String METADATA = "metadata: ";

    /** Computes missing metrics and loads them; call off the FX thread. */
    public static ExploreViewModel load(ProjectStore store, String dataset, JobContext ctx) throws Exception {
        new MetricsJob(store, dataset).run(ctx);
        long datasetId = store.findDataset(dataset).orElseThrow().id();
        List<ImageMetrics> images = store.imageMetrics(datasetId);
        Map<Long, String> labelNames = new HashMap<>();
        for (Label l : store.labels()) {
            labelNames.put(l.id(), l.name());
        }
        Map<Long, Long> labelOfBox = new HashMap<>();
        for (ImageMetrics m : images) {
            for (Box b : store.boxes(m.imageId())) {
                labelOfBox.put(b.id(), b.labelId());
            }
        }
        Map<String, List<BoxMetrics>> byLabel = new HashMap<>();
        for (BoxMetrics b : store.boxMetrics(datasetId)) {
            Long label = labelOfBox.get(b.boxId());
            if (label != null) {
                byLabel.computeIfAbsent(labelNames.get(label), k -> new ArrayList<>()).add(b);
            }
        }
        return new ExploreViewModel(images, byLabel, store.metadata(datasetId));
    }

    public List<ImageMetrics> images() {
        return images;
    }

    public List<String> boxLabels() {
        return new ArrayList<>(new TreeSet<>(boxesByLabel.keySet()));
    }

    /** Relative areas (in %) of the boxes with this label. */
    public double[] relativeAreasPercent(String label) {
        return boxesByLabel.getOrDefault(label, List.of()).stream().mapToDouble(b -> 100 * b.relativeArea()).toArray();
    }

    public List<String> axisNames() {
        return List.copyOf(axes.keySet());
    }

    double[] axis(String name) {
        return axes.get(name);
    }

    /** Images whose point lies in the rectangle {x0, y0, x1, y1} of the given axes (missing values never do). */
    long[] select(String x, String y, double[] rect) {
        double[] xs = axis(x);
        double[] ys = axis(y);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] >= rect[0] && xs[i] <= rect[2] && ys[i] >= rect[1] && ys[i] <= rect[3]) {
                out.add(images.get(i).imageId());
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
