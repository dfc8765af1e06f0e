package dev.loupe.formats;

import dev.loupe.core.ImageItem;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keras-yolo3 list: one line per image, {@code path x1,y1,x2,y2,class_id ...}, with class names in a
 * names file (classes.txt next to the list, or given). Paths may be absolute, as that tool writes them.
 */
public final class YoloKerasFormat implements AnnotationFormat {

    @Override
    public String name() {
        return "yolo-keras";
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        List<ParsedBox> boxes = new ArrayList<>();
        List<ImageRef> empty = new ArrayList<>();
        for (Path file : InputFiles.expand(inputs, ".txt")) {
            if (ClassNames.CANDIDATES.contains(file.getFileName().toString())) {
                continue;
            }
            List<String> names = options.classNames().isEmpty()
                    ? ClassNames.find(file.toAbsolutePath().getParent()) : options.classNames();
            List<String> lines = TextFiles.lines(file);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                String path = parts[0].replace('\\', '/');
                if (!path.startsWith("/")) {
                    path = TextFiles.safeImageName(path, file, n + 1, "image path");
                } else if (path.contains("/../")) {
                    throw AnnotationFormatException.at(file, n + 1, "image path '" + path
                            + "' climbs out of its folder with '..' (expected a plain path)");
                }
                ImageRef ref = ImageRef.byName(path, file.toAbsolutePath().getParent());
                if (parts.length == 1) {
                    empty.add(ref);
                }
                for (int k = 1; k < parts.length; k++) {
                    boxes.add(parseBox(parts[k], file, n + 1, ref, names));
                }
            }
        }
        return new ParsedAnnotations(boxes, empty, List.of());
    }

    private static ParsedBox parseBox(String text, Path file, int n, ImageRef ref, List<String> names)
            throws AnnotationFormatException {
        String[] v = text.split(",");
        if (v.length != 5) {
            throw AnnotationFormatException.at(file, n, "box '" + text + "' has " + v.length
                    + " values (expected x1,y1,x2,y2,class_id)");
        }
        double x1 = TextFiles.number(v[0], file, n, "x1");
        double y1 = TextFiles.number(v[1], file, n, "y1");
        double x2 = TextFiles.number(v[2], file, n, "x2");
        double y2 = TextFiles.number(v[3], file, n, "y2");
        int cls;
        try {
            cls = Integer.parseInt(v[4]);
        } catch (NumberFormatException e) {
            throw AnnotationFormatException.at(file, n, "class_id is '" + v[4] + "' (expected a class index)");
        }
        if (cls < 0 || cls >= names.size()) {
            throw AnnotationFormatException.at(file, n, "class_id " + cls + " is out of range (expected 0.."
                    + (names.size() - 1) + ")");
        }
        return new ParsedBox(ref, names.get(cls), x1, y1, x2 - x1, y2 - y1, false, Double.NaN, false, file + ":" + n);
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Files.createDirectories(outDir);
        ExportFiles files = new ExportFiles(outDir.resolve("images"), options);
        Files.write(outDir.resolve("classes.txt"), options.classNames(), StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(outDir.resolve("annotations.txt"), StandardCharsets.UTF_8);
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                Path placed = files.place(image, name).toAbsolutePath();
                w.write(placed.toString().replace(" ", "%20"));
                for (ExportBox b : boxes) {
                    w.write(String.format(Locale.ROOT, " %d,%d,%d,%d,%d", Math.round(b.x()), Math.round(b.y()),
                            Math.round(b.x() + b.w()), Math.round(b.y() + b.h()), options.classIndex(b.label())));
                }
                w.write('\n');
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }
}
