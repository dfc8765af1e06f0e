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
import java.util.regex.Pattern;

/**
 * The keras-yolo3 list: one line per image, {@code path x1,y1,x2,y2,class_id ...}, with class names in a
 * names file (classes.txt next to the list, or given). Paths may be absolute, as that tool writes them.
 */
public final class YoloKerasFormat implements AnnotationFormat {

    /** One box token: x1,y1,x2,y2,class_id. */
    private static final Pattern BOX = Pattern.compile("-?[0-9.eE+-]+(,-?[0-9.eE+-]+){3},[0-9]+");

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
                // the boxes are the space-free tokens at the end; everything before them is the path, spaces and all
                String[] parts = line.split("\\s+");
                int first = parts.length;
                while (first > 1 && BOX.matcher(parts[first - 1]).matches()) {
                    first--;
                }
                int at = 0;
                for (int k = 0; k < first; k++) {
                    at = line.indexOf(parts[k], at) + parts[k].length();
                }
                String path = TextFiles.imageReference(line.substring(0, at), file, n + 1, "image path");
                ImageRef ref = ImageRef.byName(path, file.toAbsolutePath().getParent());
                if (first == parts.length) {
                    empty.add(ref);
                }
                for (int k = first; k < parts.length; k++) {
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
                // as it is: the reader takes the boxes from the end of the line, so a space in a path survives
                w.write(placed.toString());
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
