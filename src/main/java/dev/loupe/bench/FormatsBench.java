package dev.loupe.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.loupe.core.NewImage;
import dev.loupe.formats.AnnotationFormat;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.CocoFormat;
import dev.loupe.formats.ExportAnnotationsJob;
import dev.loupe.formats.ExportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.KittiFormat;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.formats.WriteOptions;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Annotation import and export of N boxes in COCO and KITTI: boxes/s and peak heap per phase, with the raw
 * parse of the same files (Jackson tokens, KITTI lines split) as the reference measured in the same run. Every
 * phase, reference included, runs once untimed to warm up and then several times; medians are reported.
 */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "COCO and KITTI import / export throughput and peak heap on synthetic boxes.")
final class FormatsBench implements Callable<Integer> {
    private static final int BOXES_PER_IMAGE = 50;
    private static final String[] CLASSES = {"person", "car", "bicycle", "dog", "traffic light"};

    @Option(names = "--boxes", defaultValue = "1000000", description = "Number of boxes (default ${DEFAULT-VALUE}).")
    int boxes;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per phase after one warm-up; medians are "
            + "reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder).")
    Path dir;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, List<double[]>> samples = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path work = Files.createDirectories(dir != null ? dir : Files.createTempDirectory("loupe-bench-formats"));
        int images = Math.max(1, boxes / BOXES_PER_IMAGE);
        Path cocoFile = work.resolve("synthetic.json");
        Path kittiDir = work.resolve("kitti-labels");
        writeCoco(cocoFile, images);
        writeKitti(kittiDir, images);
        figures.put("boxes", images * BOXES_PER_IMAGE);
        figures.put("cocoFileMb", GalleryBench.round(Files.size(cocoFile) / 1048576.0));
        figures.put("runs", runs);

        Path projectDir = work.resolve("project");
        GalleryBench.deleteTree(projectDir);
        try (Project p = Project.create(projectDir)) {
            registerImages(p, images);
            for (int r = 0; r <= runs; r++) {
                boolean timed = r > 0;
                phase("cocoRawParse", timed, () -> rawParse(cocoFile));
                phase("cocoImport", timed, () -> importBoxes(p, new CocoFormat(), cocoFile, "coco"));
                phase("cocoExport", timed, () -> export(p, new CocoFormat(), "coco", work.resolve("out-coco")));
                phase("kittiRawRead", timed, () -> rawRead(kittiDir));
                phase("kittiImport", timed, () -> importBoxes(p, new KittiFormat(), kittiDir, "kitti"));
                phase("kittiExport", timed, () -> export(p, new KittiFormat(), "kitti", work.resolve("out-kitti")));
            }
        }
        samples.forEach((name, runsOf) -> {
            figures.put(name + "BoxesPerSec", Math.round(GalleryBench.median(runsOf.stream().mapToDouble(x -> x[0]).toArray())));
            figures.put(name + "PeakHeapMb", GalleryBench.round(GalleryBench.median(runsOf.stream().mapToDouble(x -> x[1]).toArray())));
        });
        ratio("cocoImportVsRawParse", "cocoImport", "cocoRawParse");
        ratio("kittiImportVsRawRead", "kittiImport", "kittiRawRead");
        BenchOutput.print(figures, json);
        return 0;
    }

    @FunctionalInterface
    private interface Phase {
        long run() throws Exception;
    }

    /** Runs a phase that handles some number of boxes; when timed, keeps its boxes/s and peak heap. */
    private void phase(String name, boolean timed, Phase phase) throws Exception {
        long t;
        long n;
        double heap;
        try (HeapPeak peak = new HeapPeak()) {
            t = System.nanoTime();
            n = phase.run();
            t = System.nanoTime() - t;
            heap = peak.peakMb();
        }
        double rate = n / (t / 1e9);
        if (timed) {
            samples.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[]{rate, heap});
        }
        System.err.printf("%-14s %,10d boxes in %6.2f s = %,9.0f boxes/s, peak heap +%.0f MB%s%n", name, n, t / 1e9,
                rate, heap, timed ? "" : " (warm-up)");
    }

    private void ratio(String name, String phase, String reference) {
        double a = ((Number) figures.get(phase + "BoxesPerSec")).doubleValue();
        double b = ((Number) figures.get(reference + "BoxesPerSec")).doubleValue();
        figures.put(name, GalleryBench.round(a / b));
    }

    private static void registerImages(Project p, int images) {
        long ds = p.store().createDataset("bench").id();
        List<NewImage> batch = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            batch.add(new NewImage("/bench/images/" + name(i) + ".jpg", null, name(i) + ".jpg", 640, 480, 1,
                    String.format("%064x", i), 1000));
            if (batch.size() == 5000 || i == images - 1) {
                p.store().addImages(ds, batch);
                batch.clear();
            }
        }
    }

    private static String name(int i) {
        return String.format("%012d", i);
    }

    private long importBoxes(Project p, AnnotationFormat format, Path input, String task) throws Exception {
        return new ImportAnnotationsJob(p.store(), new AnnotationImportRequest("bench", format, List.of(input),
                ReadOptions.defaults(), task, "", true, false, UnknownLabels.ADD, "bench")).run(JobContext.silent()).stored();
    }

    private long export(Project p, AnnotationFormat format, String task, Path out) throws Exception {
        GalleryBench.deleteTree(out);
        return new ExportAnnotationsJob(p.store(), new ExportRequest("bench", format, out, task, null, null, null, null,
                WriteOptions.ImageFiles.NONE)).run(JobContext.silent()).boxes();
    }

    /** Reference: every token of the file through Jackson's streaming parser, nothing kept. */
    private long rawParse(Path file) throws Exception {
        long boxes = 0;
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && "bbox".equals(p.currentName())) {
                    boxes++;
                }
            }
        }
        return boxes;
    }

    /** Reference: every KITTI line read and split into fields, nothing kept. */
    private long rawRead(Path folder) throws Exception {
        long boxes = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        boxes += line.split("\\s+").length == 15 ? 1 : 0;
                    }
                }
            }
        }
        return boxes;
    }

    /** COCO with a small polygon per annotation, as real files have, so the parser must skip segmentations. */
    private static void writeCoco(Path file, int images) throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("images");
            for (int i = 0; i < images; i++) {
                g.writeStartObject();
                g.writeNumberField("id", i + 1);
                g.writeStringField("file_name", name(i) + ".jpg");
                g.writeNumberField("width", 640);
                g.writeNumberField("height", 480);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("categories");
            for (int c = 0; c < CLASSES.length; c++) {
                g.writeStartObject();
                g.writeNumberField("id", c + 1);
                g.writeStringField("name", CLASSES[c]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("annotations");
            long id = 1;
            for (int i = 0; i < images; i++) {
                for (int k = 0; k < BOXES_PER_IMAGE; k++) {
                    double x = rnd.nextInt(600);
                    double y = rnd.nextInt(440);
                    double w = 1 + rnd.nextInt(40);
                    double h = 1 + rnd.nextInt(40);
                    g.writeStartObject();
                    g.writeNumberField("id", id++);
                    g.writeNumberField("image_id", i + 1);
                    g.writeNumberField("category_id", 1 + rnd.nextInt(CLASSES.length));
                    g.writeArrayFieldStart("segmentation");
                    g.writeStartArray();
                    for (double v : new double[]{x, y, x + w, y, x + w, y + h, x, y + h}) {
                        g.writeNumber(v);
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                    g.writeNumberField("area", w * h);
                    g.writeArrayFieldStart("bbox");
                    g.writeNumber(x);
                    g.writeNumber(y);
                    g.writeNumber(w);
                    g.writeNumber(h);
                    g.writeEndArray();
                    g.writeNumberField("iscrowd", 0);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeKitti(Path folder, int images) throws Exception {
        GalleryBench.deleteTree(folder);
        Files.createDirectories(folder);
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < images; i++) {
            try (BufferedWriter w = Files.newBufferedWriter(folder.resolve(name(i) + ".txt"), StandardCharsets.UTF_8)) {
                for (int k = 0; k < BOXES_PER_IMAGE; k++) {
                    double x = rnd.nextInt(600);
                    double y = rnd.nextInt(440);
                    w.write(String.format(Locale.ROOT, "%s 0.00 0 0.00 %.2f %.2f %.2f %.2f 0.00 0.00 0.00 0.00 0.00 0.00 0.00%n",
                            CLASSES[rnd.nextInt(CLASSES.length)].replace(' ', '_'), x, y, x + 1 + rnd.nextInt(40),
                            y + 1 + rnd.nextInt(40)));
                }
            }
        }
    }
}
