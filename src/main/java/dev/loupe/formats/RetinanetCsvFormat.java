package dev.loupe.formats;

import dev.loupe.core.ImageItem;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * keras-retinanet's CSV: {@code path,x1,y1,x2,y2,class_name} with integer corners and no header, an image without
 * objects as {@code path,,,,,}, and {@value #CLASSES_FILE} ({@code class_name,id}) beside it. Reads as {@code csv}.
 */
public final class RetinanetCsvFormat implements AnnotationFormat {
    static final String CLASSES_FILE = "classes.csv";

    @Override
    public String name() {
        return "retinanet-csv";
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        return new CsvFormat().read(inputs, options);
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Files.createDirectories(outDir);
        ExportFiles files = new ExportFiles(outDir.resolve("images"), options);
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < options.classNames().size(); i++) {
            classes.add(CsvRows.quote(options.classNames().get(i)) + "," + i);
        }
        Files.write(outDir.resolve(CLASSES_FILE), classes, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(outDir.resolve("annotations.csv"), StandardCharsets.UTF_8);
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                Path placed = files.place(image, name);
                // keras-retinanet resolves a relative path against the CSV's folder
                String path = CsvRows.quote(options.images() == WriteOptions.ImageFiles.NONE
                        ? placed.toAbsolutePath().toString() : "images/" + name);
                if (boxes.isEmpty()) {
                    w.write(path + ",,,,,\n");
                }
                for (ExportBox b : boxes) {
                    // integer corners, at least one pixel apart: keras-retinanet refuses anything else
                    long x1 = Math.round(b.x());
                    long y1 = Math.round(b.y());
                    long x2 = Math.max(x1 + 1, Math.round(b.x() + b.w()));
                    long y2 = Math.max(y1 + 1, Math.round(b.y() + b.h()));
                    w.write(path + "," + x1 + "," + y1 + "," + x2 + "," + y2 + "," + CsvRows.quote(b.label()) + "\n");
                }
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }
}
