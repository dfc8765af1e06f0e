package dev.loupe.metrics;

import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageItem;
import dev.loupe.core.ImageMetrics;
import dev.loupe.formats.CsvRows;
import dev.loupe.store.ProjectStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a dataset's cached metrics as CSV: one row per image, then one row per box. */
public final class MetricsCsv {
    static final String HEADER = "kind,image,box_id,label,width,height,aspect,mean_r,mean_g,mean_b,gray_mean,gray_std,"
            + "gray_entropy,sharpness,box_count,relative_area,center_x,center_y";

    private MetricsCsv() {
    }

    /** Returns the number of rows written (images + boxes). */
    public static int write(ProjectStore store, String dataset, Path file) throws IOException {
        Dataset ds = store.requireDataset(dataset);
        List<ImageMetrics> images = store.imageMetrics(ds.id());
        List<BoxMetrics> boxes = store.boxMetrics(ds.id());
        Map<Long, ImageItem> items = new HashMap<>();
        store.images(images.stream().mapToLong(ImageMetrics::imageId).toArray()).forEach(i -> items.put(i.id(), i));
        Map<Long, String> labels = store.labelNames();
        Map<Long, Box> boxById = new HashMap<>();
        Map<Long, Integer> boxCount = new HashMap<>();
        for (ImageMetrics m : images) {
            for (Box b : store.boxes(m.imageId())) {
                boxById.put(b.id(), b);
                boxCount.merge(m.imageId(), 1, Integer::sum);
            }
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (ImageMetrics m : images) {
                w.write(String.format(Locale.ROOT, "image,%s,,,%d,%d,%.6f,%.4f,%.4f,%.4f,%.4f,%.4f,%.6f,%.4f,%d,,,%n",
                        CsvRows.quote(items.get(m.imageId()).relativePath()), m.widthPx(), m.heightPx(), m.aspect(), m.meanR(),
                        m.meanG(), m.meanB(), m.grayMean(), m.grayStd(), m.grayEntropy(), m.sharpness(),
                        boxCount.getOrDefault(m.imageId(), 0)));
            }
            for (BoxMetrics m : boxes) {
                Box b = boxById.get(m.boxId());
                ImageItem im = items.get(m.imageId());
                if (b == null || im == null) {
                    continue;
                }
                w.write(String.format(Locale.ROOT, "box,%s,%d,%s,%.2f,%.2f,%.6f,%.4f,%.4f,%.4f,,%.4f,%.6f,,,%.8f,%.6f,%.6f%n",
                        CsvRows.quote(im.relativePath()), m.boxId(), CsvRows.quote(labels.get(b.labelId())), b.w(), b.h(), m.aspect(),
                        m.meanR(), m.meanG(), m.meanB(), m.grayStd(), m.grayEntropy(), m.relativeArea(), m.centerX(),
                        m.centerY()));
            }
        }
        return images.size() + boxes.size();
    }
}
