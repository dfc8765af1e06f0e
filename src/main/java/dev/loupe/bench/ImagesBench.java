package dev.loupe.bench;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.ThumbnailCache;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.project.TeamServer;
import dev.loupe.store.ScratchDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A team project's images on its server, each figure against its reference in the same run: an import that sends the
 * bytes against a local import of the same files; a desktop fetching every image into its cache (checked, written to
 * a file) against copying the same files on this disk, with plain queries that only read the bytes into memory beside
 * it (the server's own pace); a preview taken from the server against rendering it. Medians of several runs.
 */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "Team project images on a PostgreSQL server: import with the bytes sent there, fetching into a "
                + "desktop's cache and shared previews, each against its local counterpart on the same files.")
final class ImagesBench implements Callable<Integer> {

    @Option(names = "--images", required = true, description = "A folder of images (e.g. ../shared/data/coco-dev).")
    Path images;

    @Option(names = "--server", required = true, description = "postgresql://HOST[:PORT]/DB: the benchmark works in a "
            + "database of its own there, dropped afterwards.")
    String server;

    @Option(names = "--user", description = "A role that may create databases (default: your login name); its password "
            + "from $" + TeamServer.PASSWORD_VARIABLE + " or ~/.pgpass.")
    String user = System.getProperty("user.name");

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ImportCandidate> candidates = ImportSources.fromFolder(images);
        long bytes = 0;
        for (ImportCandidate c : candidates) {
            bytes += Files.size(c.file());
        }
        double mb = bytes / 1048576.0;
        Path work = Files.createTempDirectory("loupe-bench-images");
        double[] localImport = new double[runs];
        double[] serverImport = new double[runs];
        double[] read = new double[runs];
        double[] raw = new double[runs];
        double[] copy = new double[runs];
        double[] fetch = new double[runs];
        double[] render = new double[runs];
        double[] shared = new double[runs];
        try (ScratchDatabase scratch = new ScratchDatabase(new TeamServer(server, user))) {
            readAll(candidates); // the page cache warm for every side
            for (int r = 0; r < runs; r++) {
                GalleryBench.deleteTree(work);
                try (Project local = Project.create(work.resolve("local"))) {
                    localImport[r] = candidates.size() / importInto(local, candidates);
                }
                scratch.recreate();
                Path team = work.resolve("team");
                try (Project p = Project.createOnServerWithPassword(team, scratch.address(), scratch.password())) {
                    serverImport[r] = candidates.size() / importInto(p, candidates);
                    List<ImageItem> all = p.store().imagePage(ImageFilter.all(p.store().requireDataset("bench").id()),
                            0, candidates.size());
                    long t = System.nanoTime();
                    readAll(candidates);
                    read[r] = mb / seconds(t);
                    t = System.nanoTime();
                    raw[r] = scratch.rawImageReads() / 1048576.0 / seconds(t);
                    t = System.nanoTime();
                    copyAll(candidates, work.resolve("copies"));
                    copy[r] = mb / seconds(t);
                    t = System.nanoTime();
                    for (ImageItem image : all) {
                        p.store().imageBytes().file(image);
                    }
                    fetch[r] = mb / seconds(t);
                    render[r] = thumbnailsMs(new ThumbnailCache(work.resolve("thumbs-first"),
                            ThumbnailCache.DEFAULT_MAX_SIDE_PX, p.store().imageBytes()), all);
                    shared[r] = thumbnailsMs(new ThumbnailCache(work.resolve("thumbs-next"),
                            ThumbnailCache.DEFAULT_MAX_SIDE_PX, p.store().imageBytes()), all);
                }
                log("run %d: import %.0f images/s local, %.0f onto the server; %.0f MB/s read from disk, %.0f MB/s by "
                        + "plain queries, %.0f MB/s copied on disk, %.0f MB/s fetched into the cache; preview %.2f ms "
                        + "rendered, %.2f ms from the server", r + 1, localImport[r], serverImport[r], read[r], raw[r],
                        copy[r], fetch[r], render[r], shared[r]);
            }
        } finally {
            GalleryBench.deleteTree(work);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("images", candidates.size());
        figures.put("megabytes", GalleryBench.round(mb));
        figures.put("localImportImagesPerSec", GalleryBench.round(GalleryBench.median(localImport)));
        figures.put("serverImportImagesPerSec", GalleryBench.round(GalleryBench.median(serverImport)));
        figures.put("importRatio", GalleryBench.round(GalleryBench.median(serverImport) / GalleryBench.median(localImport)));
        figures.put("readMbPerSec", GalleryBench.round(GalleryBench.median(read)));
        figures.put("fetchMbPerSec", GalleryBench.round(GalleryBench.median(fetch)));
        figures.put("rawQueryMbPerSec", GalleryBench.round(GalleryBench.median(raw)));
        figures.put("copyMbPerSec", GalleryBench.round(GalleryBench.median(copy)));
        figures.put("fetchRatio", GalleryBench.round(GalleryBench.median(fetch) / GalleryBench.median(copy)));
        figures.put("renderThumbnailMs", GalleryBench.round(GalleryBench.median(render)));
        figures.put("sharedThumbnailMs", GalleryBench.round(GalleryBench.median(shared)));
        figures.put("thumbnailSpeedup", GalleryBench.round(GalleryBench.median(render) / GalleryBench.median(shared)));
        BenchOutput.print(figures, json);
        return 0;
    }

    /** Seconds to import the files into the project. */
    private static double importInto(Project p, List<ImportCandidate> candidates) throws InterruptedException {
        long t = System.nanoTime();
        new ImportImagesJob(p.store(), "bench", candidates, new UrlFetcher(p.cacheDir("downloads"), Duration.ofSeconds(1)))
                .run(JobContext.silent());
        return seconds(t);
    }

    private static void readAll(List<ImportCandidate> candidates) throws Exception {
        for (ImportCandidate c : candidates) {
            Files.readAllBytes(c.file());
        }
    }

    /** Copies every file into {@code folder}, in a folder per first hex digit pair as the cache keeps them. */
    private static void copyAll(List<ImportCandidate> candidates, Path folder) throws Exception {
        int n = 0;
        for (ImportCandidate c : candidates) {
            Path dir = folder.resolve(String.format("%02x", n++ % 256));
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            Files.copy(c.file(), dir.resolve(c.file().getFileName()));
        }
    }

    /** Mean milliseconds per preview made into an empty cache folder. */
    private static double thumbnailsMs(ThumbnailCache cache, List<ImageItem> all) throws Exception {
        long t = System.nanoTime();
        for (ImageItem image : all) {
            cache.thumbnail(image);
        }
        return seconds(t) * 1000 / all.size();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
