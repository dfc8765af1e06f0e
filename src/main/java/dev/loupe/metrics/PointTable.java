package dev.loupe.metrics;

import dev.loupe.formats.CsvRows;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points to plot, one per image or per box, with numeric columns (metrics, numeric metadata; NaN where
 * missing) and categorical columns (label, status, cluster, text metadata; code -1 where missing).
 */
public final class PointTable {

    /** What one point stands for. */
    public enum Kind { IMAGES, BOXES }

    /** A categorical column: a code per point indexing {@code names}, or -1. */
    public record Category(int[] codes, List<String> names) {
    }

    private final Kind kind;
    private final long[] imageIds;
    private final long[] boxIds;
    private final Map<String, double[]> numeric = new LinkedHashMap<>();
    private final Map<String, Category> categorical = new LinkedHashMap<>();

    /** {@code boxIds} is null for a table of images. */
    public PointTable(Kind kind, long[] imageIds, long[] boxIds) {
        this.kind = kind;
        this.imageIds = imageIds;
        this.boxIds = boxIds;
    }

    public Kind kind() {
        return kind;
    }

    public int size() {
        return imageIds.length;
    }

    public long imageId(int point) {
        return imageIds[point];
    }

    /** The box of a point, or 0 in a table of images. */
    public long boxId(int point) {
        return boxIds == null ? 0 : boxIds[point];
    }

    public void addNumeric(String name, double[] values) {
        numeric.put(name, values);
    }

    public void addCategory(String name, Category category) {
        categorical.put(name, category);
    }

    /**
     * Codes a text per point (null = missing) into a categorical column, the most frequent name first (ties in
     * order of first appearance), so a plot with a short palette gives the common categories their own colours.
     */
    public void addCategory(String name, String[] values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        List<String> names = new ArrayList<>(counts.keySet());
        names.sort(java.util.Comparator.comparing(counts::get).reversed());
        Map<String, Integer> codes = new java.util.HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            codes.put(names.get(k), k);
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? -1 : codes.get(values[i]);
        }
        categorical.put(name, new Category(out, List.copyOf(names)));
    }

    public List<String> numericNames() {
        return List.copyOf(numeric.keySet());
    }

    public List<String> categoryNames() {
        return List.copyOf(categorical.keySet());
    }

    public double[] numeric(String name) {
        return numeric.get(name);
    }

    public Category category(String name) {
        return categorical.get(name);
    }

    /** The distinct images of these points, ascending (what a plot selection shows in the gallery). */
    public long[] imagesOf(int[] points) {
        return Arrays.stream(points).mapToLong(p -> imageIds[p]).distinct().sorted().toArray();
    }

    /** Writes the given points with every column, one row each; returns the rows written. */
    public int writeCsv(Path file, int[] points) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(List.of("image_id"));
            if (kind == Kind.BOXES) {
                header.add("box_id");
            }
            header.addAll(numeric.keySet());
            header.addAll(categorical.keySet());
            w.write(CsvRows.join(header));
            w.newLine();
            for (int p : points) {
                List<String> row = new ArrayList<>(List.of(Long.toString(imageIds[p])));
                if (kind == Kind.BOXES) {
                    row.add(Long.toString(boxIds[p]));
                }
                for (double[] v : numeric.values()) {
                    row.add(Double.isNaN(v[p]) ? "" : Double.toString(v[p]));
                }
                for (Category c : categorical.values()) {
                    row.add(c.codes()[p] < 0 ? "" : c.names().get(c.codes()[p]));
                }
                w.write(CsvRows.join(row));
                w.newLine();
            }
        }
        return points.length;
    }
}
