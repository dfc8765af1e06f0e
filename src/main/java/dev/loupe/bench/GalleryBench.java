package dev.loupe.bench;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportCandidate;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The foundation's figures on a project of photo-sized images (copies of real photos, some at 12 megapixels):
 * import rate against reading and hashing the same files on the same number of threads, filtered page queries,
 * and (with a display) the gallery's time until a screen is painted with real thumbnails. Each side gets the same
 * warm-up; figures are medians of several runs.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true,
        description = "Import, query and gallery benchmark on N photo-sized images (copies of the given photos, every "
                + "K-th at 12 megapixels) with 10 boxes each. The gallery part needs a display (xvfb-run on a server).")
final class GalleryBench implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "100000", description = "Number of images (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--photos", required = true, paramLabel = "DIR",
            description = "JPEG photos to copy, e.g. ../shared/data/coco-dev.")
    Path photos;

    @Option(names = "--large-every", defaultValue = "500",
            description = "Every K-th image is a 12-megapixel one (0: none; default ${DEFAULT-VALUE}).")
    int largeEvery;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; medians are reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--screens", defaultValue = "40",
            description = "Gallery screens visited, spread over the whole gallery (default ${DEFAULT-VALUE}).")
    int screens;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder). Existing images there are reused.")
    Path dir;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--server", description = "postgresql://HOST[:PORT]/DB: measure a team project on this server (in a "
            + "database of the benchmark's own, dropped afterwards) instead of a local one.")
    String server;

    @Option(names = "--user", description = "With --server: a role that may create databases (default: your login "
            + "name); its password from $" + dev.loupe.project.TeamServer.PASSWORD_VARIABLE + " or ~/.pgpass.")
    String user = System.getProperty("user.name");

    private final Map<String, Object> figures = new LinkedHashMap<>();
    /** With --server: where the project lives. */
    private dev.loupe.store.ScratchDatabase scratch;

    @Override
    public Integer call() throws Exception {
        if (server == null) {
            return measure();
        }
        try (dev.loupe.store.ScratchDatabase db = new dev.loupe.store.ScratchDatabase(new dev.loupe.project.TeamServer(server, user))) {
            scratch = db;
            return measure();
        }
    }

    private int measure() throws Exception {
        Path work = dir != null ? dir : Files.createTempDirectory("loupe-bench-gallery");
        Path imageDir = work.resolve("images");
        long t = System.nanoTime();
        int made = BenchImages.ensure(imageDir, photos, images, largeEvery);
        log("images ready (%d made) in %.1f s", made, seconds(t));

        List<ImportCandidate> candidates = ImportSources.fromFolder(imageDir);
        List<Path> files = candidates.stream().map(ImportCandidate::file).toList();
        int threads = Runtime.getRuntime().availableProcessors();
        figures.put("images", files.size());
        figures.put("largeImages", largeEvery > 0 ? (images + largeEvery - 1) / largeEvery : 0);
        figures.put("threads", threads);
        figures.put("store", scratch == null ? "local" : "server");
        // the same warm-up for both sides: every file read once (page cache), each side run once on a slice (JIT)
        readAndHash(files, threads);
        importInto(work.resolve("warm-up"), candidates.subList(0, Math.min(candidates.size(), 2000)));

        Path projectDir = work.resolve("project");
        double[] reference = new double[runs];
        double[] imported = new double[runs];
        for (int r = 0; r < runs; r++) {
            t = System.nanoTime();
            readAndHash(files, threads);
            reference[r] = files.size() / seconds(t);
            imported[r] = importInto(projectDir, candidates);
            log("run %d: read + SHA-256 on %d threads %.0f images/s, import %.0f images/s", r + 1, threads,
                    reference[r], imported[r]);
        }
        figures.put("readHashImagesPerSec", round(median(reference)));
        figures.put("importImagesPerSec", round(median(imported)));
        figures.put("importRatio", round(median(imported) / median(reference)));
        log("import: %.0f images/s = %.2f x reading and hashing the same files on the same %d threads (medians of %d)",
                median(imported), median(imported) / median(reference), threads, runs);

        try (Project p = scratch == null ? Project.open(projectDir)
                : Project.openTeamProject(projectDir, scratch.password())) {
            long datasetId = p.store().findDataset("bench").orElseThrow().id();
            t = System.nanoTime();
            int boxes;
            try (var job = p.store().announce("import-annotations into task 'bench'")) {
                boxes = addBoxes(p.store(), datasetId); // as an annotation import stores them
            }
            log("stored %,d boxes in %.1f s", boxes, seconds(t));
            figures.put("boxes", boxes);
            measureQueries(p.store(), datasetId);
        }
        if (GalleryPaintProbe.hasDisplay()) {
            figures.putAll(new GalleryPaintProbe(projectDir, work.resolve("workspace"), runs, screens).run(this::log));
        } else {
            log("no display: gallery figures skipped (run under xvfb-run)");
        }
        BenchOutput.print(figures, json);
        return 0;
    }

    /** Imports the files into a new project in {@code projectDir} (on the server with --server); returns images/s. */
    private double importInto(Path projectDir, List<ImportCandidate> candidates) throws Exception {
        deleteTree(projectDir);
        if (scratch != null) {
            scratch.recreate();
        }
        try (Project p = scratch == null ? Project.create(projectDir)
                : Project.createOnServerWithPassword(projectDir, scratch.address(), scratch.password())) {
            if (scratch != null) {
                // the rows are measured here; moving the bytes to the server is 'bench images'
                p.store().keepImagesOnServer(false);
            }
            long t = System.nanoTime();
            ImportReport report = new ImportImagesJob(p.store(), "bench", candidates,
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            return report.imported() / seconds(t);
        }
    }

    /** The reference: each file read whole and hashed, on {@code threads} threads, as the import reads them. */
    private static long readAndHash(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int first = k;
                parts.add(pool.submit(() -> {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    long bytes = 0;
                    for (int i = first; i < files.size(); i += threads) {
                        byte[] b = Files.readAllBytes(files.get(i));
                        sha.digest(b);
                        bytes += b.length;
                    }
                    return bytes;
                }));
            }
            long total = 0;
            for (Future<Long> f : parts) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
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

    /** The 95th percentile by nearest rank. */
    static double p95(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)];
    }

    /** Deletes a folder and everything in it, if it exists (the benchmarks' work folders). */
    static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
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
