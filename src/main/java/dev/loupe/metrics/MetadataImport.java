package dev.loupe.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.MetadataValue;
import dev.loupe.formats.AnnotationFormatException;
import dev.loupe.formats.CsvRows;
import dev.loupe.store.ProjectStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom metadata layers: a CSV (header {@code image,field1,field2,...}) or a JSON array of objects with an
 * {@code image} key, one value per image and field; or the same keyed by {@code box} id for values of single
 * boxes. Numbers become numeric fields, anything else categories; images are matched by relative path, then by
 * a unique file name, and unknown images or boxes are reported.
 */
public final class MetadataImport {

    /** What an import stored and which image names matched nothing. */
    public record Report(int values, Set<String> fields, List<String> unknownImages) {
    }

    private MetadataImport() {
    }

    public static Report run(ProjectStore store, String dataset, Path file) throws IOException {
        Dataset ds = store.requireDataset(dataset);
        List<String[]> rows = file.toString().toLowerCase().endsWith(".json") ? json(file) : csv(file);
        String[] header = rows.get(0);
        Keys keys = header[0].equalsIgnoreCase("box") ? boxKeys(store, ds) : imageKeys(store, ds);
        List<MetadataValue> values = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            String key = row[0].strip();
            long[] target = keys.find(key);
            if (target == null) {
                unknown.add(key);
                continue;
            }
            for (int k = 1; k < header.length && k < row.length; k++) {
                String v = row[k] == null ? "" : row[k].strip();
                if (!v.isEmpty()) {
                    double n = number(v);
                    values.add(new MetadataValue(target[0], target[1], header[k], n, Double.isNaN(n) ? v : null));
                }
            }
        }
        store.saveMetadata(values);
        Set<String> fields = new LinkedHashSet<>(List.of(header).subList(1, header.length));
        return new Report(values.size(), fields, unknown);
    }

    /** Resolves a row's key to {image id, box id (0 for an image row)}, or null when nothing matches. */
    private interface Keys {
        long[] find(String key);
    }

    /** Images by relative path, then by a file name that only one image of the dataset has. */
    private static Keys imageKeys(ProjectStore store, Dataset ds) {
        Map<String, ImageItem> byPath = new HashMap<>();
        Map<String, List<ImageItem>> byName = new HashMap<>();
        for (ImageItem im : store.images(store.imageIds(ImageFilter.all(ds.id())))) {
            byPath.put(im.relativePath(), im);
            byName.computeIfAbsent(im.fileName(), k -> new ArrayList<>()).add(im);
        }
        return key -> {
            ImageItem im = byPath.get(key);
            if (im == null) {
                List<ImageItem> same = byName.getOrDefault(key.substring(key.lastIndexOf('/') + 1), List.of());
                im = same.size() == 1 ? same.get(0) : null;
            }
            return im == null ? null : new long[]{im.id(), 0};
        };
    }

    /** Boxes of the dataset by their id (as {@code loupe metrics --export} and the annotation exports list them). */
    private static Keys boxKeys(ProjectStore store, Dataset ds) {
        Map<Long, Long> imageOfBox = new HashMap<>();
        DatasetBoxes.forEach(store, ds.id(), b -> imageOfBox.put(b.id(), b.imageId()));
        return key -> {
            try {
                Long image = imageOfBox.get(Long.parseLong(key));
                return image == null ? null : new long[]{image, Long.parseLong(key)};
            } catch (NumberFormatException e) {
                return null;
            }
        };
    }

    private static double number(String v) {
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !(lines.get(0).toLowerCase().startsWith("image,")
                || lines.get(0).toLowerCase().startsWith("box,"))) {
            throw new IOException(file + ":1: expected a header starting with 'image,' (or 'box,' for box ids) "
                    + "and then the field names");
        }
        List<String[]> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            if (!lines.get(n).isBlank()) {
                String[] cells;
                try {
                    cells = CsvRows.split(lines.get(n), file, n + 1).toArray(new String[0]);
                } catch (AnnotationFormatException e) {
                    throw new IOException(e.getMessage(), e);
                }
                if (n > 0 && cells.length != out.get(0).length) {
                    throw new IOException(file + ":" + (n + 1) + ": " + cells.length + " fields (expected "
                            + out.get(0).length + ", as in the header)");
                }
                out.add(cells);
            }
        }
        return out;
    }

    /** The key is "image", or "box" when the first object has a "box" key and no "image" key. */
    private static List<String[]> json(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + ": expected a JSON array of objects with an 'image' (or 'box') key");
        }
        String key = root.size() > 0 && root.get(0).has("box") && !root.get(0).has("image") ? "box" : "image";
        Set<String> fields = new LinkedHashSet<>();
        root.forEach(o -> o.fieldNames().forEachRemaining(f -> {
            if (!f.equals(key)) {
                fields.add(f);
            }
        }));
        List<String> header = new ArrayList<>(List.of(key));
        header.addAll(fields);
        List<String[]> out = new ArrayList<>();
        out.add(header.toArray(new String[0]));
        int i = 0;
        for (JsonNode o : root) {
            if (!o.hasNonNull(key)) {
                throw new IOException(file + ": element " + i + " has no '" + key + "' key");
            }
            String[] row = new String[header.size()];
            for (int k = 0; k < header.size(); k++) {
                JsonNode v = o.get(header.get(k));
                row[k] = v == null || v.isNull() ? "" : v.asText();
            }
            out.add(row);
            i++;
        }
        return out;
    }
}
