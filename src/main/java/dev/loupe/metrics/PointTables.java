package dev.loupe.metrics;

import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;
import dev.loupe.core.MetadataValue;
import dev.loupe.core.Task;
import dev.loupe.store.ProjectStore;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Builds the plottable tables of a dataset from its cached metrics, boxes and metadata layers. */
public final class PointTables {

    /** The image table's default axes, and the box table's relative-area column (a fraction of the image). */
    public static final String INDEX = "image index";
    public static final String GRAY_ENTROPY = "gray entropy (bits)";
    public static final String RELATIVE_AREA = "relative area";
    public static final String LABEL = "label";
    public static final String MAIN_LABEL = "main label";
    /** Box category naming crowd regions "crowd" (other boxes have no value). */
    public static final String CROWD = "crowd";
    /** Box category: the cluster of the dataset's latest clustering run. */
    public static final String CLUSTER = "cluster";
    /** Prefix of custom metadata columns. */
    public static final String METADATA = "metadata: ";

    private PointTables() {
    }

    /** The image and box tables of a dataset (one pass over its boxes, one read of its metadata). */
    public record Tables(PointTable images, PointTable boxes) {
    }

    public static Tables load(ProjectStore store, long datasetId) {
        List<MetadataValue> metadata = store.metadata(datasetId);
        PointTable boxes = boxes(store, datasetId, metadata);
        return new Tables(images(store, datasetId, boxes, metadata), boxes);
    }

    /**
     * One point per image with current metrics, in id order; box count and main label (the label of most of
     * its boxes, ties to the first name alphabetically) come from the box table.
     */
    private static PointTable images(ProjectStore store, long datasetId, PointTable boxes,
                                     List<MetadataValue> metadata) {
        List<ImageMetrics> metrics = store.imageMetrics(datasetId);
        long[] ids = metrics.stream().mapToLong(ImageMetrics::imageId).toArray();
        PointTable t = new PointTable(PointTable.Kind.IMAGES, ids, null);
        t.addNumeric(INDEX, java.util.stream.IntStream.range(0, ids.length).asDoubleStream().toArray());
        column(t, metrics, GRAY_ENTROPY, ImageMetrics::grayEntropy);
        column(t, metrics, "gray std", ImageMetrics::grayStd);
        column(t, metrics, "gray mean", ImageMetrics::grayMean);
        column(t, metrics, "sharpness (Laplacian variance)", ImageMetrics::sharpness);
        column(t, metrics, "mean R", ImageMetrics::meanR);
        column(t, metrics, "mean G", ImageMetrics::meanG);
        column(t, metrics, "mean B", ImageMetrics::meanB);
        column(t, metrics, "aspect ratio", ImageMetrics::aspect);
        column(t, metrics, "width (px)", m -> m.widthPx());
        column(t, metrics, "height (px)", m -> m.heightPx());
        Map<Long, Integer> index = indexOf(ids);
        double[] boxCount = new double[ids.length];
        PointTable.Category label = boxes.category(LABEL);
        int[][] labelCounts = new int[ids.length][label.names().size()];
        for (int b = 0; b < boxes.size(); b++) {
            Integer i = index.get(boxes.imageId(b));
            if (i != null) {
                boxCount[i]++;
                if (label.codes()[b] >= 0) {
                    labelCounts[i][label.codes()[b]]++;
                }
            }
        }
        t.addNumeric("box count", boxCount);
        String[] main = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            main[i] = mostFrequent(labelCounts[i], label.names());
        }
        t.addCategory(MAIN_LABEL, main);
        addMetadata(t, metadata, false, index);
        return t;
    }

    /** One point per box with current metrics, in box id order. */
    public static PointTable boxes(ProjectStore store, long datasetId) {
        return boxes(store, datasetId, store.metadata(datasetId));
    }

    private static PointTable boxes(ProjectStore store, long datasetId, List<MetadataValue> metadata) {
        List<BoxMetrics> metrics = store.boxMetrics(datasetId).stream()
                .sorted(java.util.Comparator.comparingLong(BoxMetrics::boxId)).toList();
        long[] boxIds = metrics.stream().mapToLong(BoxMetrics::boxId).toArray();
        long[] imageIds = metrics.stream().mapToLong(BoxMetrics::imageId).toArray();
        PointTable t = new PointTable(PointTable.Kind.BOXES, imageIds, boxIds);
        column(t, metrics, RELATIVE_AREA, BoxMetrics::relativeArea);
        column(t, metrics, "aspect ratio", BoxMetrics::aspect);
        column(t, metrics, "centre x", BoxMetrics::centerX);
        column(t, metrics, "centre y", BoxMetrics::centerY);
        column(t, metrics, "mean R", BoxMetrics::meanR);
        column(t, metrics, "mean G", BoxMetrics::meanG);
        column(t, metrics, "mean B", BoxMetrics::meanB);
        column(t, metrics, "gray std", BoxMetrics::grayStd);
        column(t, metrics, GRAY_ENTROPY, BoxMetrics::grayEntropy);
        Map<Long, Integer> index = indexOf(boxIds);
        Map<Long, String> labels = labelNames(store);
        Map<Long, String> tasks = new HashMap<>();
        for (Task task : store.tasks()) {
            tasks.put(task.id(), task.name());
        }
        double[] score = new double[boxIds.length];
        Arrays.fill(score, Double.NaN);
        String[] label = new String[boxIds.length];
        String[] status = new String[boxIds.length];
        String[] source = new String[boxIds.length];
        String[] task = new String[boxIds.length];
        String[] crowd = new String[boxIds.length];
        DatasetBoxes.forEach(store, datasetId, b -> {
            Integer i = index.get(b.id());
            if (i != null) {
                score[i] = b.score();
                label[i] = labels.get(b.labelId());
                status[i] = b.status().name().toLowerCase();
                source[i] = b.source().name().toLowerCase();
                task[i] = tasks.get(b.taskId());
                crowd[i] = b.crowd() ? CROWD : null;
            }
        });
        t.addNumeric("score", score);
        t.addCategory(LABEL, label);
        t.addCategory("status", status);
        t.addCategory("source", source);
        t.addCategory("task", task);
        t.addCategory(CROWD, crowd);
        store.latestClusterRun(datasetId).ifPresent(run -> {
            String[] cluster = new String[boxIds.length];
            run.boxes().forEach(b -> {
                Integer i = index.get(b.boxId());
                if (i != null) {
                    cluster[i] = "cluster " + b.cluster();
                }
            });
            t.addCategory(CLUSTER, cluster);
        });
        addMetadata(t, metadata, true, index);
        return t;
    }

    private static <T> void column(PointTable t, List<T> rows, String name, ToDoubleFunction<T> value) {
        t.addNumeric(name, rows.stream().mapToDouble(value).toArray());
    }

    /** Metadata of the table's kind: numbers become numeric columns, texts categories. */
    private static void addMetadata(PointTable t, List<MetadataValue> values, boolean boxes, Map<Long, Integer> index) {
        Map<String, double[]> numbers = new java.util.TreeMap<>();
        Map<String, String[]> texts = new java.util.TreeMap<>();
        for (MetadataValue v : values) {
            Integer i = v.isBoxValue() == boxes ? index.get(boxes ? v.boxId() : v.imageId()) : null;
            if (i == null) {
                continue;
            }
            if (v.isNumber()) {
                numbers.computeIfAbsent(v.field(), k -> {
                    double[] a = new double[t.size()];
                    Arrays.fill(a, Double.NaN);
                    return a;
                })[i] = v.number();
            } else {
                texts.computeIfAbsent(v.field(), k -> new String[t.size()])[i] = v.text();
            }
        }
        numbers.forEach((field, a) -> t.addNumeric(METADATA + field, a));
        texts.forEach((field, a) -> t.addCategory(METADATA + field, a));
    }

    /** The name with the highest count, ties to the first name alphabetically; null without any. */
    private static String mostFrequent(int[] counts, List<String> names) {
        String best = null;
        int most = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > most || (counts[c] == most && most > 0 && names.get(c).compareTo(best) < 0)) {
                best = names.get(c);
                most = counts[c];
            }
        }
        return best;
    }

    private static Map<Long, Integer> indexOf(long[] ids) {
        Map<Long, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    private static Map<Long, String> labelNames(ProjectStore store) {
        return store.labelNames();
    }
}
