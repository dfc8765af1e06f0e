package dev.loupe.bench;

import dev.loupe.core.Box;
import dev.loupe.core.Comment;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.project.TeamServer;
import dev.loupe.store.ScratchDatabase;
import dev.loupe.store.SqlProjectStore;
import dev.loupe.store.StaleEditException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several people reviewing one team project at once: each client is its own database role with its own connections,
 * and takes an image, reads its boxes and accepts, rejects, moves or comments on them, as a reviewer does. Edits of a
 * box someone changed since are refused (conflicts) and the client goes on with the box as it is now. Afterwards every
 * acknowledged edit is looked for on the server. The reference, in the same run: the same clients sending plain
 * single-statement updates of a box, the server's own pace for a committed write.
 */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = "Concurrent review edits on a team project: edits/s, latency, conflicts, and that none is lost.")
final class TeamBench implements Callable<Integer> {
    private static final int BOXES_PER_IMAGE = 10;
    private static final int EDITS_PER_IMAGE = 4;

    @Option(names = "--server", required = true, description = "postgresql://HOST[:PORT]/DB: a database the user may "
            + "connect to; the benchmark makes a database of its own beside it and drops it afterwards.")
    String server;

    @Option(names = "--user", description = "A role that may create databases and roles (default: your login name); "
            + "its password from $" + TeamServer.PASSWORD_VARIABLE + " or ~/.pgpass.")
    String user = System.getProperty("user.name");

    @Option(names = "--clients", defaultValue = "8", description = "Clients at once, each its own user (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "30", description = "How long the clients edit (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--images", defaultValue = "500", description = "Images the clients share, " + BOXES_PER_IMAGE
            + " boxes each: fewer images, more conflicts (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    /** What a client was told was stored: a box at a version with its state, or a comment. */
    private record Ack(long boxId, long version, double x, ReviewStatus status, long commentId) {
    }

    private record ClientRun(List<Ack> acks, double[] latenciesMs, int conflicts) {
    }

    @Override
    public Integer call() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase(new TeamServer(server, user))) {
            String url = scratch.address().jdbcUrl();
            long[] imageIds;
            long[] boxIds;
            try (SqlProjectStore admin = SqlProjectStore.onServer(url, user, scratch.password())) {
                boxIds = fill(admin);
                imageIds = admin.imageIds(ImageFilter.all(admin.requireDataset("bench").id()));
            }
            List<String> roles = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                roles.add(scratch.login("c" + i, "loupe_annotator, loupe_reviewer"));
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("clients", clients);
            figures.put("seconds", seconds);
            figures.put("images", imageIds.length);
            figures.put("boxes", boxIds.length);

            List<ClientRun> runs = runClients(url, roles, imageIds);
            double[] all = runs.stream().flatMapToDouble(r -> java.util.Arrays.stream(r.latenciesMs())).toArray();
            long edits = runs.stream().mapToLong(r -> r.acks().size()).sum();
            double editsPerSec = edits / (double) seconds;
            figures.put("edits", edits);
            figures.put("editsPerSec", Math.round(editsPerSec));
            figures.put("p50Ms", GalleryBench.round(GalleryBench.median(all)));
            figures.put("p95Ms", GalleryBench.round(GalleryBench.p95(all)));
            figures.put("conflicts", runs.stream().mapToInt(ClientRun::conflicts).sum());
            figures.put("lost", lost(scratch, runs));

            double rawPerSec = rawUpdates(scratch, roles, boxIds, Math.max(3, seconds / 3));
            figures.put("rawUpdatesPerSec", Math.round(rawPerSec));
            figures.put("editsVsRawUpdates", GalleryBench.round(editsPerSec / rawPerSec));
            BenchOutput.print(figures, json);
        }
        return 0;
    }

    /** The shared images, each with its boxes; returns the boxes' ids. */
    private long[] fill(SqlProjectStore admin) {
        admin.keepImagesOnServer(false); // the edits are measured; the images are names only
        long[] ids = BenchImages.rows(admin, "bench", images);
        long task = admin.task("predictions", "").id();
        long person = admin.label("person").id();
        Random random = new Random(7);
        List<NewBox> boxes = new ArrayList<>();
        for (long image : ids) {
            for (int b = 0; b < BOXES_PER_IMAGE; b++) {
                boxes.add(new NewBox(image, task, person, random.nextInt(1100), random.nextInt(600), 60, 100,
                        Source.MODEL, 0.3 + 0.7 * random.nextDouble(), ReviewStatus.PENDING, "model"));
            }
        }
        return admin.addBoxes(boxes);
    }

    private List<ClientRun> runClients(String url, List<String> roles, long[] imageIds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(roles.size());
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Future<ClientRun>> futures = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                long seed = i;
                futures.add(pool.submit(() -> review(url, role, imageIds, new Random(seed), end)));
            }
            List<ClientRun> runs = new ArrayList<>();
            for (Future<ClientRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One person: an image at a time, a few verdicts, moves and comments on its boxes. */
    private static ClientRun review(String url, String role, long[] imageIds, Random random, long end) {
        List<Ack> acks = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        int conflicts = 0;
        try (SqlProjectStore store = SqlProjectStore.onServer(url, role, role)) {
            while (System.nanoTime() < end) {
                long image = imageIds[random.nextInt(imageIds.length)];
                List<Box> held = new ArrayList<>(store.boxes(image));
                for (int e = 0; e < EDITS_PER_IMAGE && System.nanoTime() < end; e++) {
                    int k = random.nextInt(held.size());
                    Box b = held.get(k);
                    int op = random.nextInt(10);
                    long t = System.nanoTime();
                    try {
                        if (op < 2) {
                            Comment c = store.addComment(image, b.id(), role, "check this one");
                            latencies.add((System.nanoTime() - t) / 1e6);
                            acks.add(new Ack(0, 0, 0, null, c.id()));
                            continue;
                        }
                        Box edited = op < 5 ? b.with(b.x(), b.y(), b.w(), b.h(), b.labelId(), b.source(),
                                ReviewStatus.ACCEPTED, role)
                                : op < 7 ? b.with(b.x(), b.y(), b.w(), b.h(), b.labelId(), b.source(),
                                ReviewStatus.REJECTED, role)
                                : b.with(Math.max(0, b.x() + random.nextInt(21) - 10), b.y(), b.w(), b.h(),
                                b.labelId(), Source.HUMAN, b.status(), role);
                        Box stored = store.updateBox(edited);
                        latencies.add((System.nanoTime() - t) / 1e6);
                        acks.add(new Ack(stored.id(), stored.version(), stored.x(), stored.status(), 0));
                        held.set(k, stored);
                    } catch (StaleEditException stale) {
                        conflicts++;
                        held.set(k, stale.current()); // as the canvas does: the box as it is now
                    }
                }
            }
        }
        return new ClientRun(acks, latencies.stream().mapToDouble(Double::doubleValue).toArray(), conflicts);
    }

    /**
     * Acknowledged edits the server does not hold: a box whose stored version or state differs from its last
     * acknowledged edit; an acknowledged comment that is missing.
     */
    private static long lost(ScratchDatabase scratch, List<ClientRun> runs) throws Exception {
        Map<Long, Ack> last = new HashMap<>();
        List<Long> comments = new ArrayList<>();
        for (ClientRun r : runs) {
            for (Ack a : r.acks()) {
                if (a.commentId() != 0) {
                    comments.add(a.commentId());
                } else {
                    last.merge(a.boxId(), a, (x, y) -> x.version() >= y.version() ? x : y);
                }
            }
        }
        Map<Long, ScratchDatabase.StoredBox> stored = scratch.storedBoxes();
        long lost = last.values().stream().filter(a -> {
            ScratchDatabase.StoredBox b = stored.get(a.boxId());
            return b == null || b.version() != a.version() || b.x() != a.x() || !b.status().equals(a.status().name());
        }).count();
        java.util.Set<Long> commentIds = scratch.commentIds();
        return lost + comments.stream().filter(id -> !commentIds.contains(id)).count();
    }

    /** The reference: each client sends one-statement updates of random boxes, each committed on its own. */
    private static double rawUpdates(ScratchDatabase scratch, List<String> roles, long[] boxIds, int forSeconds)
            throws Exception {
        long end = System.nanoTime() + forSeconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(roles.size());
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                Random random = new Random(100 + i);
                futures.add(pool.submit(() -> scratch.rawUpdates(role, boxIds, end, random)));
            }
            long total = 0;
            for (Future<Long> f : futures) {
                total += f.get();
            }
            return total / (double) forSeconds;
        } finally {
            pool.shutdownNow();
        }
    }

}
