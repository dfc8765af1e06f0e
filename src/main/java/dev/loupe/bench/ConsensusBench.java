package dev.loupe.bench;

import dev.loupe.consensus.ConsensusConfig;
import dev.loupe.consensus.ConsensusJob;
import dev.loupe.consensus.ConsensusReport;
import dev.loupe.consensus.ConsensusRequest;
import dev.loupe.core.Box;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Consensus at scale: a project of N images with K annotators of B boxes each (one shared scene per image, each
 * annotator's boxes jittered, some dropped, some spurious, seeded), the consensus job's time and peak heap from no
 * merged truth, and again with nothing changed, against reading the same boxes window by window as the job does (the
 * store's floor). Goal: 100k images, 3 annotators, 10 boxes each under 30 s and 1 GB.
 */
@Command(name = "consensus", mixinStandardHelpOptions = true,
        description = "Consensus over N images x K annotators x B boxes: time and peak heap, against reading the boxes.")
final class ConsensusBench implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "100000", description = "Images (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--annotators", defaultValue = "3", description = "Annotators (default ${DEFAULT-VALUE}).")
    int annotators;

    @Option(names = "--boxes", defaultValue = "10", description = "Objects per image (default ${DEFAULT-VALUE}).")
    int boxes;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; medians are reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder, deleted afterwards).")
    Path dir;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (BenchFolder folder = BenchFolder.of(dir, "consensus");
             Project p = Project.create(folder.path().resolve("project"))) {
            long t = System.nanoTime();
            List<String> tasks = fill(p.store());
            System.err.printf("made %,d images and %,d boxes in %.1f s%n", images, (long) images * boxes * annotators,
                    (System.nanoTime() - t) / 1e9);
            ConsensusRequest request = new ConsensusRequest("bench", ConsensusRequest.Annotator.tasks(tasks), "merged",
                    null, new ConsensusConfig(ConsensusConfig.DEFAULT_IOU, ConsensusConfig.DEFAULT_QUORUM,
                    ConsensusConfig.Fusion.MEAN), null, "bench");
            double[] read = new double[runs];
            double[] job = new double[runs];
            double[] again = new double[runs];
            double[] heapMb = new double[runs];
            ConsensusReport report = null;
            for (int r = 0; r < runs; r++) {
                clearMerged(p.store());
                t = System.nanoTime();
                long seen = readAll(p.store(), tasks);
                read[r] = (System.nanoTime() - t) / 1e9;
                System.gc();
                resetPeaks();
                t = System.nanoTime();
                report = new ConsensusJob(p.store(), request).run(JobContext.silent());
                job[r] = (System.nanoTime() - t) / 1e9;
                heapMb[r] = peakHeapMb();
                t = System.nanoTime();
                new ConsensusJob(p.store(), request).run(JobContext.silent());
                again[r] = (System.nanoTime() - t) / 1e9;
                System.err.printf("run %d: read %,d boxes in %.1f s; consensus %.1f s (peak heap %.0f MB), again with "
                        + "nothing changed %.1f s%n", r + 1, seen, read[r], job[r], heapMb[r], again[r]);
            }
            figures.put("images", images);
            figures.put("annotators", annotators);
            figures.put("boxes", (long) images * boxes * annotators);
            figures.put("mergedBoxes", report.mergedBoxes());
            figures.put("agreementF1", GalleryBench.round(report.overall().f1()));
            figures.put("readSec", GalleryBench.round(GalleryBench.median(read)));
            figures.put("consensusSec", GalleryBench.round(GalleryBench.median(job)));
            figures.put("consensusToReadRatio", GalleryBench.round(GalleryBench.median(job) / GalleryBench.median(read)));
            figures.put("rerunSec", GalleryBench.round(GalleryBench.median(again)));
            figures.put("rerunToReadRatio", GalleryBench.round(GalleryBench.median(again) / GalleryBench.median(read)));
            figures.put("peakHeapMb", GalleryBench.round(GalleryBench.median(heapMb)));
            figures.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
        }
        BenchOutput.print(figures, json);
        return 0;
    }

    /** The images (rows only: consensus reads no pixels) and each annotator's boxes; returns the tasks' names. */
    private List<String> fill(ProjectStore store) {
        long[] ids = BenchImages.rows(store, "bench", images);
        long[] labels = {store.label("person").id(), store.label("car").id(), store.label("dog").id()};
        List<String> tasks = new ArrayList<>();
        List<Long> taskIds = new ArrayList<>();
        for (int a = 0; a < annotators; a++) {
            tasks.add("annotator-" + (a + 1));
            taskIds.add(store.task(tasks.get(a), "").id());
        }
        SplittableRandom random = new SplittableRandom(11);
        List<NewBox> batch = new ArrayList<>();
        for (long image : ids) {
            for (int k = 0; k < boxes; k++) {
                double x = random.nextDouble(1100);
                double y = random.nextDouble(560);
                double w = 40 + random.nextDouble(140);
                double h = 40 + random.nextDouble(140);
                long label = labels[random.nextInt(labels.length)];
                for (int a = 0; a < annotators; a++) {
                    boolean missed = random.nextDouble() < 0.05;
                    double jx = random.nextDouble(-0.05, 0.05) * w;
                    double jy = random.nextDouble(-0.05, 0.05) * h;
                    batch.add(new NewBox(image, taskIds.get(a), label, missed ? random.nextDouble(1100) : x + jx,
                            missed ? random.nextDouble(560) : y + jy, w, h, Source.HUMAN, Double.NaN,
                            ReviewStatus.PENDING, tasks.get(a)));
                }
            }
            if (batch.size() >= 30_000) {
                store.addBoxes(batch);
                batch.clear();
            }
        }
        store.addBoxes(batch);
        return tasks;
    }

    /** Each run starts from no merged truth, as a first run does. */
    private static void clearMerged(ProjectStore store) {
        long[] ids = store.imageIds(ImageFilter.all(store.requireDataset("bench").id()));
        store.deleteBoxes(store.task("merged", "").id(), ids);
    }

    /** Every annotator's boxes, window by window as the job reads them; returns how many. */
    private static long readAll(ProjectStore store, List<String> tasks) {
        long[] ids = store.imageIds(ImageFilter.all(store.requireDataset("bench").id()));
        long n = 0;
        for (String task : tasks) {
            long taskId = store.task(task, "").id();
            for (int from = 0; from < ids.length; from += 1000) {
                List<Box> window = store.taskBoxes(taskId, ids[from], ids[Math.min(ids.length, from + 1000) - 1]);
                n += window.size();
            }
        }
        return n;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the heap in use at any moment). */
    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }
}
