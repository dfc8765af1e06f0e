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
 * KITTI object labels: one .txt per image named after it, 15 fields per line (16 with a score, as TAO
 * inference writes them). Exported in the layout TAO expects: {@code images/} and {@code labels/}.
 * Crowd regions are written as {@code DontCare}.
 */
public final class KittiFormat implements AnnotationFormat {
    private static final int FIELDS = 15;

    @Override
    public boolean holdsCrowdRegions() {
        return true;
    }

    @Override
    public String name() {
        return "kitti";
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        List<ParsedBox> boxes = new ArrayList<>();
        List<ImageRef> empty = new ArrayList<>();
        for (Path file : InputFiles.expand(inputs, ".txt")) {
            ImageRef ref = ImageRef.byStem(ExportFiles.stem(file.getFileName().toString()),
                    file.toAbsolutePath().getParent());
            int before = boxes.size();
            List<String> lines = TextFiles.lines(file);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (!line.isEmpty()) {
                    boxes.add(parseLine(line, file, n + 1, ref, options));
                }
            }
            if (boxes.size() == before) {
                empty.add(ref);
            }
        }
        return new ParsedAnnotations(boxes, empty, List.of());
    }

    private static ParsedBox parseLine(String line, Path file, int n, ImageRef ref, ReadOptions options)
            throws AnnotationFormatException {
        String[] f = line.split("\\s+");
        if (f.length != FIELDS && f.length != FIELDS + 1) {
            throw AnnotationFormatException.at(file, n, f.length + " fields (expected 15: type truncated occluded alpha "
                    + "left top right bottom height width length x y z rotation_y, or 16 with a score)");
        }
        double left = TextFiles.number(f[4], file, n, "bbox left (field 5)");
        double top = TextFiles.number(f[5], file, n, "bbox top (field 6)");
        double right = TextFiles.number(f[6], file, n, "bbox right (field 7)");
        double bottom = TextFiles.number(f[7], file, n, "bbox bottom (field 8)");
        for (int k = 1; k < FIELDS; k++) {
            TextFiles.number(f[k], file, n, "field " + (k + 1));
        }
        double score = f.length > FIELDS ? TextFiles.number(f[FIELDS], file, n, "score (field 16)") : Double.NaN;
        boolean dontCare = f[0].equals(ReadOptions.DONT_CARE);
        String label = dontCare ? options.dontCareLabel() : f[0];
        return new ParsedBox(ref, label, left, top, right - left, bottom - top, false, score, dontCare, file + ":" + n);
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Path labels = Files.createDirectories(outDir.resolve("labels"));
        ExportFiles files = new ExportFiles(outDir.resolve("images"), options);
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                files.place(image, name);
                try (BufferedWriter w = Files.newBufferedWriter(labels.resolve(ExportFiles.stem(name) + ".txt"),
                        StandardCharsets.UTF_8)) {
                    for (ExportBox b : boxes) {
                        String type = b.crowd() ? ReadOptions.DONT_CARE : b.label().replaceAll("\\s+", "_");
                        w.write(String.format(Locale.ROOT, "%s 0.00 0 0.00 %.2f %.2f %.2f %.2f 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
                                type, b.x(), b.y(), b.x() + b.w(), b.y() + b.h()));
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
