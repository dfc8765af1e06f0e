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

/** CSV, one row per box: {@code image,xmin,ymin,xmax,ymax,label[,score]}; a header row is optional. */
public final class CsvFormat implements AnnotationFormat {
    static final String HEADER = "image,xmin,ymin,xmax,ymax,label,score";

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        List<ParsedBox> boxes = new ArrayList<>();
        List<ImageRef> empty = new ArrayList<>();
        for (Path file : InputFiles.expand(inputs, ".csv")) {
            if (file.getFileName().toString().equals(RetinanetCsvFormat.CLASSES_FILE)) {
                continue; // keras-retinanet's class list beside its annotations
            }
            List<String> lines = TextFiles.lines(file);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = CsvRows.split(line, file, n + 1);
                if (n == 0 && isHeader(f)) {
                    continue;
                }
                if (f.size() != 6 && f.size() != 7) {
                    throw AnnotationFormatException.at(file, n + 1, f.size()
                            + " fields (expected 6: image,xmin,ymin,xmax,ymax,label, or 7 with a score)");
                }
                String image = TextFiles.imageReference(f.get(0), file, n + 1, "image");
                if (f.subList(1, 6).stream().allMatch(String::isBlank)) {
                    // keras-retinanet's negative example: an image without objects
                    empty.add(ImageRef.byName(image, file.toAbsolutePath().getParent()));
                    continue;
                }
                double x1 = TextFiles.number(f.get(1), file, n + 1, "xmin");
                double y1 = TextFiles.number(f.get(2), file, n + 1, "ymin");
                double x2 = TextFiles.number(f.get(3), file, n + 1, "xmax");
                double y2 = TextFiles.number(f.get(4), file, n + 1, "ymax");
                String label = f.get(5).strip();
                if (label.isEmpty()) {
                    throw AnnotationFormatException.at(file, n + 1, "label is empty (expected a class name)");
                }
                double score = f.size() == 7 && !f.get(6).isBlank()
                        ? TextFiles.number(f.get(6), file, n + 1, "score") : Double.NaN;
                boxes.add(new ParsedBox(ImageRef.byName(image, file.toAbsolutePath().getParent()), label, x1, y1,
                        x2 - x1, y2 - y1, false, score, false, file + ":" + (n + 1)));
            }
        }
        return new ParsedAnnotations(boxes, empty, List.of());
    }

    /** A header row, quoted (VoTT) or not: an image column, then xmin. */
    private static boolean isHeader(List<String> fields) {
        return fields.size() >= 2 && List.of("image", "filename", "image_path", "path").contains(
                fields.get(0).strip().toLowerCase(Locale.ROOT)) && fields.get(1).strip().equalsIgnoreCase("xmin");
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Files.createDirectories(outDir);
        ExportFiles files = new ExportFiles(outDir.resolve("images"), options);
        BufferedWriter w = Files.newBufferedWriter(outDir.resolve("annotations.csv"), StandardCharsets.UTF_8);
        w.write(HEADER);
        w.write('\n');
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                files.place(image, name);
                String ref = CsvRows.quote(options.images() == WriteOptions.ImageFiles.NONE ? image.relativePath()
                        : "images/" + name);
                for (ExportBox b : boxes) {
                    w.write(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%s,%s%n", ref, b.x(), b.y(),
                            b.x() + b.w(), b.y() + b.h(), CsvRows.quote(b.label()),
                            b.hasScore() ? String.format(Locale.ROOT, "%.4f", b.score()) : ""));
                }
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }
}
