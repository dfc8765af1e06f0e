package dev.loupe.media;

import dev.loupe.core.Dataset;
import dev.loupe.core.NewImage;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.store.ProjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Adds images to a dataset. Files are read, hashed and checked on all cores, and stored in batches, each
 * batch one short transaction: a killed import keeps every finished batch, running it again skips what is
 * already there and finishes the rest, and another process may import into the same dataset at the same time
 * (an image it stored first counts as a duplicate here). Bad files are skipped with their reason; the import
 * never aborts because of one.
 */
public final class ImportImagesJob implements Job<ImportReport> {
    static final int BATCH = 256;

    private final ProjectStore store;
    private final String datasetName;
    private final List<ImportCandidate> candidates;
    private final UrlFetcher fetcher;

    public ImportImagesJob(ProjectStore store, String datasetName, List<ImportCandidate> candidates, UrlFetcher fetcher) {
        this.store = store;
        this.datasetName = datasetName;
        this.candidates = List.copyOf(candidates);
        this.fetcher = fetcher;
    }

    /** Outcome of reading one candidate: a new image, or the reason it was skipped. */
    private record Checked(ImportCandidate candidate, NewImage image, String problem) {
    }

    @Override
    public ImportReport run(JobContext ctx) throws InterruptedException {
        try (ProjectStore.RunningJob running = store.announce("import-images into dataset '" + datasetName + "'")) {
            return importAll(ctx);
        }
    }

    private ImportReport importAll(JobContext ctx) throws InterruptedException {
        Dataset dataset = store.dataset(datasetName);
        Set<String> knownPaths = store.imagePaths(dataset.id());
        Set<String> knownHashes = store.imageHashes(dataset.id());
        List<ImportCandidate> todo = new ArrayList<>();
        int already = 0;
        for (ImportCandidate c : candidates) {
            if (c.file() != null && knownPaths.contains(c.file().toString())) {
                already++;
            } else {
                todo.add(c);
            }
        }
        int imported = 0;
        int duplicates = 0;
        List<JobProblem> skipped = new ArrayList<>();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-import");
            t.setDaemon(true);
            return t;
        });
        try {
            ctx.progress(already, candidates.size());
            // Files of the next batch are read while this batch is stored: disk, CPU and SQLite overlap.
            List<Future<Checked>> next = submit(pool, todo, 0);
            for (int start = 0; start < todo.size(); start += BATCH) {
                ctx.checkCancelled();
                List<Future<Checked>> futures = next;
                next = submit(pool, todo, start + BATCH);
                List<NewImage> batch = new ArrayList<>(BATCH);
                List<NewImage> sameContent = new ArrayList<>();
                for (Future<Checked> f : futures) {
                    Checked checked = await(f);
                    if (checked.problem() != null) {
                        skipped.add(new JobProblem(checked.candidate().displayName(), checked.problem()));
                        ctx.problem(checked.candidate().displayName(), checked.problem());
                    } else if (!knownHashes.add(checked.image().contentHash())) {
                        duplicates++;
                        sameContent.add(checked.image());
                    } else {
                        batch.add(checked.image());
                    }
                }
                if (!batch.isEmpty()) {
                    int added = store.addMissingImages(dataset.id(), batch);
                    imported += added;
                    duplicates += batch.size() - added;
                }
                if (!sameContent.isEmpty()) {
                    // after the batch: a duplicate of an image in this very batch finds it stored
                    store.addImageAliases(dataset.id(), sameContent);
                }
                ctx.progress(already + Math.min(todo.size(), start + BATCH), candidates.size());
            }
        } finally {
            pool.shutdownNow();
        }
        return new ImportReport(candidates.size(), imported, already, duplicates, skipped);
    }

    private List<Future<Checked>> submit(ExecutorService pool, List<ImportCandidate> todo, int start) {
        List<Future<Checked>> futures = new ArrayList<>(BATCH);
        for (ImportCandidate c : todo.subList(Math.min(start, todo.size()), Math.min(todo.size(), start + BATCH))) {
            futures.add(pool.submit(() -> check(c)));
        }
        return futures;
    }

    private static Checked await(Future<Checked> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("image check failed unexpectedly", e.getCause());
        }
    }

    private Checked check(ImportCandidate c) {
        try {
            Path file = c.file();
            if (c.url() != null) {
                file = fetcher.fetch(c.url());
            } else if (!Files.exists(Path.of(file.toString()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // its name as text does not lead back to it (not valid in the file-name encoding): stored, it
                // could never be opened again
                return new Checked(c, null, "its name is not valid " + System.getProperty("sun.jnu.encoding",
                        "UTF-8") + " text, so Loupe could not open it again: rename the file");
            }
            byte[] bytes = ImageDecoder.readBytes(file);
            ImageInfo info = ImageProbe.probe(bytes);
            NewImage image = new NewImage(file.toString(), c.url() == null ? null : c.url().toString(),
                    c.relativePath(), info.widthPx(), info.heightPx(), info.orientation(), sha256(bytes), bytes.length);
            String notStored = upload(image.contentHash(), bytes);
            return new Checked(c, notStored == null ? image : null, notStored);
        } catch (UnreadableImageException e) {
            return new Checked(c, null, c.url() == null ? e.getMessage() : e.getMessage() + forget(c.url()));
        } catch (RuntimeException e) {
            return new Checked(c, null, "cannot check it: " + e.getMessage());
        } catch (OutOfMemoryError e) { // one file's failure, not the import's
            return new Checked(c, null, "not enough memory to check it");
        } catch (java.io.IOException e) {
            return new Checked(c, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Checked(c, null, "interrupted");
        }
    }

    /** Stores the bytes on a team project's server that keeps its images (before their row: see the store); null when done. */
    private String upload(String contentHash, byte[] bytes) {
        try {
            store.imageBytes().upload(contentHash, new java.io.ByteArrayInputStream(bytes));
            return null;
        } catch (java.io.IOException | dev.loupe.store.StoreException e) {
            return "cannot store it on the project's server: " + e.getMessage();
        }
    }

    /** Deletes a rejected download; says so in the reason when the file could not be deleted. */
    private String forget(java.net.URI url) {
        try {
            fetcher.forget(url);
            return "";
        } catch (java.io.IOException e) {
            return " (the download stays in the cache: " + e.getMessage() + ")";
        }
    }

    /** The content hash Loupe keys images by (hex SHA-256 of the file's bytes). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
