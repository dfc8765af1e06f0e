package dev.loupe.formats;

import dev.loupe.core.ImageItem;
import dev.loupe.core.Split;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * YOLO (darknet / ultralytics) labels: one .txt per image, {@code class cx cy w h [score]} as fractions of
 * the image size; class names from a names file or a dataset YAML. Reads a folder of labels, the Ultralytics
 * layout ({@code images/train} beside {@code labels/train}, the split from the folder names) and Darknet's
 * ({@code obj.names}, {@code obj_train_data/}, the split from {@code train.txt} / {@code valid.txt}); image lists
 * and READMEs in them are not labels. Exports images/, labels/, classes.txt and data.yaml.
 */
public final class YoloFormat implements AnnotationFormat {
    /** Darknet's image lists, and the side each gives. */
    private static final Map<String, Split> LISTS = Map.of("train.txt", Split.TRAIN, "valid.txt", Split.VALIDATION,
            "val.txt", Split.VALIDATION, "test.txt", Split.TEST);
    /** Ultralytics split folders, and their side. */
    private static final Map<String, Split> FOLDERS = Map.of("train", Split.TRAIN, "val", Split.VALIDATION,
            "valid", Split.VALIDATION, "validation", Split.VALIDATION, "test", Split.TEST);

    @Override
    public String name() {
        return "yolo";
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        List<Path> files = InputFiles.expand(inputs, ".txt");
        files.removeIf(YoloFormat::isNotLabels);
        List<String> names = options.classNames().isEmpty()
                ? ClassNames.find(Files.isDirectory(inputs.get(0)) ? inputs.get(0) : inputs.get(0).toAbsolutePath().getParent())
                : options.classNames();
        List<ParsedBox> boxes = new ArrayList<>();
        List<ImageRef> empty = new ArrayList<>();
        Map<ImageRef, Split> sides = new HashMap<>();
        Map<String, ImageRef> byStem = new HashMap<>();
        for (Path file : files) {
            ImageRef ref = ImageRef.byStem(ExportFiles.stem(file.getFileName().toString()), file.toAbsolutePath().getParent());
            byStem.put(ref.name(), ref);
            Path folder = file.toAbsolutePath().getParent();
            Split side = folder.getFileName() == null ? null : FOLDERS.get(folder.getFileName().toString().toLowerCase());
            if (side != null) {
                sides.put(ref, side);
            }
            int before = boxes.size();
            List<String> lines = TextFiles.lines(file);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (!line.isEmpty()) {
                    boxes.add(parseLine(line, file, n + 1, ref, names));
                }
            }
            if (boxes.size() == before) {
                empty.add(ref);
            }
        }
        for (Path in : inputs) {
            for (Map.Entry<String, Split> list : LISTS.entrySet()) {
                Path listFile = in.resolve(list.getKey());
                if (Files.isDirectory(in) && Files.isRegularFile(listFile)) {
                    for (String line : TextFiles.lines(listFile)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        String name = line.strip().replace('\\', '/');
                        ImageRef ref = byStem.get(ExportFiles.stem(name.substring(name.lastIndexOf('/') + 1)));
                        if (ref != null) {
                            sides.put(ref, list.getValue());
                        }
                    }
                }
            }
        }
        return new ParsedAnnotations(boxes, empty, List.of(), sides, Map.of());
    }

    /** Class-name files, Darknet's image lists and READMEs sit among the labels but are none. */
    private static boolean isNotLabels(Path file) {
        String name = file.getFileName().toString();
        return ClassNames.CANDIDATES.contains(name) || LISTS.containsKey(name) || name.equals("trainval.txt")
                || name.toLowerCase().startsWith("readme");
    }

    private static ParsedBox parseLine(String line, Path file, int n, ImageRef ref, List<String> names)
            throws AnnotationFormatException {
        String[] f = line.split("\\s+");
        if (f.length != 5 && f.length != 6) {
            throw AnnotationFormatException.at(file, n, f.length + " fields (expected 5: class cx cy w h, or 6 with a score)");
        }
        int cls;
        try {
            cls = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            throw AnnotationFormatException.at(file, n, "class is '" + f[0] + "' (expected a class index)");
        }
        if (cls < 0 || cls >= names.size()) {
            throw AnnotationFormatException.at(file, n, "class " + cls + " is out of range (expected 0.."
                    + (names.size() - 1) + ", from the class names)");
        }
        double cx = TextFiles.number(f[1], file, n, "cx");
        double cy = TextFiles.number(f[2], file, n, "cy");
        double w = TextFiles.number(f[3], file, n, "w");
        double h = TextFiles.number(f[4], file, n, "h");
        double score = f.length == 6 ? TextFiles.number(f[5], file, n, "score") : Double.NaN;
        return new ParsedBox(ref, names.get(cls), cx - w / 2, cy - h / 2, w, h, true, score, false, file + ":" + n);
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Path labels = Files.createDirectories(outDir.resolve("labels"));
        ExportFiles files = new ExportFiles(outDir.resolve("images"), options);
        Files.write(outDir.resolve("classes.txt"), options.classNames(), StandardCharsets.UTF_8);
        StringBuilder yaml = new StringBuilder("path: .\ntrain: images\nval: images\nnames:\n");
        for (int i = 0; i < options.classNames().size(); i++) {
            yaml.append("  ").append(i).append(": '").append(options.classNames().get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(outDir.resolve("data.yaml"), yaml, StandardCharsets.UTF_8);
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                files.place(image, name);
                double iw = image.widthPx();
                double ih = image.heightPx();
                try (BufferedWriter w = Files.newBufferedWriter(labels.resolve(ExportFiles.stem(name) + ".txt"),
                        StandardCharsets.UTF_8)) {
                    for (ExportBox b : boxes) {
                        w.write(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f", options.classIndex(b.label()),
                                (b.x() + b.w() / 2) / iw, (b.y() + b.h() / 2) / ih, b.w() / iw, b.h() / ih));
                        if (b.hasScore()) {
                            w.write(String.format(Locale.ROOT, " %.4f", b.score()));
                        }
                        w.write('\n');
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
