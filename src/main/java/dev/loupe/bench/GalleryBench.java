package dev.loupe.bench;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportReport;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The foundation's figures on a synthetic project: import rate against plain read-and-hash of the same
 * files, filtered page queries, and (with a display) the gallery's open time, scroll frames and heap.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true,
        description = "Import, query and gallery benchmark on a synthetic project of N small images "
                + "with 10 boxes each. The gallery part needs a display (run under xvfb-run on a server).")
final class GalleryBench implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "100000", description = "Number of images (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder). Existing images there are reused.")
    Path dir;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    private final Map<String, Object> figures = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? dir : Files.createTempDirectory("loupe-bench-gallery");
        Path imageDir = work.resolve("images");
        long t = System.nanoTime();
        int made = SyntheticImages.ensure(imageDir, images);
        log("images ready (%d made) in %.1f s", made, seconds(t));

        List<Path> files = ImportSources.fromFolder(imageDir).stream().map(c -> c.file()).toList();
        t = System.nanoTime();
        long bytes = readAndHash(files);
        double rawRate = files.size() / seconds(t);
        figures.put("images", files.size());
        figures.put("readHashImagesPerSec", round(rawRate));
        log("reference, read + SHA-256 on one thread: %.0f images/s (%,d bytes)", rawRate, bytes);

        Path projectDir = work.resolve("project");
        deleteProject(projectDir);
        try (Project p = Project.create(projectDir)) {
            t = System.nanoTime();
            ImportReport report = new ImportImagesJob(p.store(), "bench", ImportSources.fromFolder(imageDir),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            double importRate = report.imported() / seconds(t);
            figures.put("importImagesPerSec", round(importRate));
            figures.put("importRatio", round(importRate / rawRate));
            log("import: %.0f images/s = %.2f x the single-thread read+hash reference", importRate, importRate / rawRate);

            long datasetId = p.store().findDataset("bench").orElseThrow().id();
            t = System.nanoTime();
            int boxes = addBoxes(p.store(), datasetId);
            log("stored %,d boxes in %.1f s", boxes, seconds(t));
            figures.put("boxes", boxes);
            measureQueries(p.store(), datasetId);
        }
        if (GalleryPaintProbe.hasDisplay()) {
            figures.putAll(new GalleryPaintProbe(projectDir, work.resolve("workspace")).run(this::log));
        } else {
            log("no display: gallery open / scroll / heap figures skipped (run under xvfb-run)");
        }
        BenchOutput.print(figures, json);
        return 0;
    }

    private static long readAndHash(List<Path> files) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            sha.update(b);
            total += b.length;
        }
        return total;
    }

    /** Ten boxes per image: five labels (one rare), mostly MODEL with scores, statuses spread. */
    private static int addBoxes(ProjectStore store, long datasetId) {
        long[] ids = store.imageIds(ImageFilter.all(datasetId));
        long task = store.task("bench", "synthetic boxes").id();
        long[] labels = {store.label("person").id(), store.label("car").id(), store.label("dog").id(),
                store.label("bicycle").id(), store.label("rare").id()};
        SplittableRandom rnd = new SplittableRandom(42);
        List<NewBox> batch = new ArrayList<>(10_000);
        int n = 0;
        for (long id : ids) {
            for (int k = 0; k < 10; k++) {
                long label = rnd.nextInt(1000) == 0 ? labels[4] : labels[rnd.nextInt(4)];
                Source source = rnd.nextInt(10) < 7 ? Source.MODEL : Source.HUMAN;
                ReviewStatus status = ReviewStatus.values()[rnd.nextInt(3)];
                batch.add(new NewBox(id, task, label, rnd.nextInt(50), rnd.nextInt(40), 5 + rnd.nextInt(40),
                        5 + rnd.nextInt(30), source, source == Source.MODEL ? rnd.nextDouble() : Double.NaN, status, ""));
            }
            if (batch.size() >= 10_000) {
                n += store.addBoxes(batch).length;
                batch.clear();
            }
        }
        n += store.addBoxes(batch).length;
        return n;
    }

    private void measureQueries(ProjectStore store, long datasetId) {
        long rare = store.label("rare").id();
        Map<String, ImageFilter> filters = new LinkedHashMap<>();
        filters.put("all", ImageFilter.all(datasetId));
        filters.put("accepted", new ImageFilter(datasetId, ReviewStatus.ACCEPTED, null, null));
        filters.put("modelRejected", new ImageFilter(datasetId, ReviewStatus.REJECTED, null, Source.MODEL));
        filters.put("rareLabel", new ImageFilter(datasetId, null, rare, null));
        Map<String, Object> pageMs = new LinkedHashMap<>();
        Map<String, Object> idsMs = new LinkedHashMap<>();
        for (var e : filters.entrySet()) {
            long[] ids = store.imageIds(e.getValue());
            double[] times = new double[21];
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < times.length; i++) {
                long after = ids.length == 0 ? 0 : ids[rnd.nextInt(ids.length)] - 1;
                long t = System.nanoTime();
                store.imagePage(e.getValue(), after, 200);
                times[i] = (System.nanoTime() - t) / 1e6;
            }
            long t = System.nanoTime();
            int matched = store.imageIds(e.getValue()).length;
            double idsTime = (System.nanoTime() - t) / 1e6;
            pageMs.put(e.getKey(), round(median(times)));
            idsMs.put(e.getKey(), round(idsTime));
            log("filter %-14s %,7d images: page of 200 %.2f ms (median of 21), all ids %.0f ms",
                    e.getKey(), matched, median(times), idsTime);
        }
        figures.put("filteredPage200Ms", pageMs);
        figures.put("allIdsMs", idsMs);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void deleteProject(Path projectDir) throws Exception {
        if (Files.exists(projectDir)) {
            try (var walk = Files.walk(projectDir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    void log(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
