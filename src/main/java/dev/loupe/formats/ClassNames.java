package dev.loupe.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class names by index: a plain names file (one per line, e.g. classes.txt or coco.names) or the
 * {@code names:} entry of an ultralytics dataset YAML (a list, inline or block, or an index map).
 */
public final class ClassNames {
    /** Names looked for in a label folder (and its parent) when none is given. */
    static final List<String> CANDIDATES = List.of("classes.txt", "classes.names", "obj.names", "data.yaml",
            "dataset.yaml", "config.yaml");

    private ClassNames() {
    }

    public static List<String> read(Path file) throws AnnotationFormatException {
        List<String> lines = TextFiles.lines(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return fromYaml(lines, file);
        }
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

    private static List<String> fromYaml(List<String> lines, Path file) throws AnnotationFormatException {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("names:")) {
                continue;
            }
            String rest = line.substring("names:".length()).strip();
            if (rest.startsWith("[")) {
                if (!rest.endsWith("]")) {
                    throw AnnotationFormatException.at(file, i + 1, "names list is not closed with ']'");
                }
                List<String> out = new ArrayList<>();
                for (String part : rest.substring(1, rest.length() - 1).split(",")) {
                    out.add(unquote(part.strip()));
                }
                return out;
            }
            Map<Integer, String> byIndex = new TreeMap<>();
            List<String> list = new ArrayList<>();
            for (int j = i + 1; j < lines.size(); j++) {
                String item = lines.get(j);
                if (item.isBlank() || item.strip().startsWith("#")) {
                    continue;
                }
                if (!Character.isWhitespace(item.charAt(0)) && !item.startsWith("-")) {
                    break;
                }
                String t = item.strip();
                if (t.startsWith("- ")) {
                    list.add(unquote(t.substring(2).strip()));
                } else if (t.contains(":")) {
                    String key = t.substring(0, t.indexOf(':')).strip();
                    try {
                        byIndex.put(Integer.parseInt(key), unquote(t.substring(t.indexOf(':') + 1).strip()));
                    } catch (NumberFormatException e) {
                        throw AnnotationFormatException.at(file, j + 1, "names key '" + key + "' (expected a class index)");
                    }
                }
            }
            if (!list.isEmpty()) {
                return list;
            }
            List<String> out = new ArrayList<>();
            for (var e : byIndex.entrySet()) {
                if (e.getKey() != out.size()) {
                    throw new AnnotationFormatException(file + ": class index " + out.size()
                            + " is missing from names (expected indices 0, 1, 2, …)");
                }
                out.add(e.getValue());
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        throw new AnnotationFormatException(file + ": no 'names:' entry (expected the class names of the dataset)");
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
