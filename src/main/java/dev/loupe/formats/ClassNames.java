package dev.loupe.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class names by index: a plain names file (one per line, e.g. classes.txt or coco.names) or the
 * {@code names:} entry of an ultralytics dataset YAML, read with a real YAML parser (a list, flow or block, or an
 * index → name map, as Ultralytics and Roboflow write them).
 */
public final class ClassNames {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Names looked for in a label folder (and its parent) when none is given. */
    static final List<String> CANDIDATES = List.of("classes.txt", "classes.names", "obj.names", "data.yaml",
            "dataset.yaml", "config.yaml");

    private ClassNames() {
    }

    public static List<String> read(Path file) throws AnnotationFormatException {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return fromYaml(file);
        }
        List<String> lines = TextFiles.lines(file);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        if (out.isEmpty()) {
            throw new AnnotationFormatException(file + ": no class names in it (expected one name per line)");
        }
        return out;
    }

    /** The names file next to YOLO labels, or an error saying where Loupe looked. */
    static List<String> find(Path labelDir) throws AnnotationFormatException {
        for (Path dir : new Path[]{labelDir, labelDir.toAbsolutePath().getParent()}) {
            if (dir == null) {
                continue;
            }
            for (String candidate : CANDIDATES) {
                Path f = dir.resolve(candidate);
                if (Files.isRegularFile(f)) {
                    return read(f);
                }
            }
        }
        throw new AnnotationFormatException(labelDir + ": no class names found (looked for " + String.join(", ", CANDIDATES)
                + " here and one folder up); pass them with --classes FILE");
    }

    /** The {@code names:} of a YOLO dataset YAML: a list (block or flow, over any lines) or an index → name map. */
    private static List<String> fromYaml(Path file) throws AnnotationFormatException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw AnnotationFormatException.at(file, line, "malformed YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AnnotationFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode names = root == null ? null : root.get("names");
        if (names == null || names.isNull()) {
            throw new AnnotationFormatException(file + ": no 'names:' entry (expected the class names of the dataset)");
        }
        List<String> out = new ArrayList<>();
        if (names.isArray()) {
            names.forEach(n -> out.add(n.asText()));
        } else if (names.isObject()) {
            Map<Integer, String> byIndex = new TreeMap<>();
            for (var it = names.fields(); it.hasNext(); ) {
                var e = it.next();
                try {
                    byIndex.put(Integer.parseInt(e.getKey().strip()), e.getValue().asText());
                } catch (NumberFormatException bad) {
                    throw new AnnotationFormatException(file + ": names key '" + e.getKey() + "' (expected a class index)");
                }
            }
            for (var e : byIndex.entrySet()) {
                if (e.getKey() != out.size()) {
                    throw new AnnotationFormatException(file + ": class index " + out.size()
                            + " is missing from names (expected indices 0, 1, 2, …)");
                }
                out.add(e.getValue());
            }
        } else {
            throw new AnnotationFormatException(file + ": 'names' is " + names.getNodeType().name().toLowerCase()
                    + " (expected a list of class names or an index → name map)");
        }
        if (out.isEmpty()) {
            throw new AnnotationFormatException(file + ": 'names' is empty (expected the class names of the dataset)");
        }
        return out;
    }
}
