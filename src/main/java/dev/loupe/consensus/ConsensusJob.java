package dev.loupe.consensus;

import dev.loupe.core.Box;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.review.ReviewStages;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares several annotators' boxes image by image, writes the merged truth to a task of its own (each merged box
 * linked to its sources), and reports agreement per annotator, per label and per image, and each side's accuracy
 * against a truth task when one is named. The dataset is read a window of images at a time, so memory stays flat;
 * each window's merged boxes replace that window's earlier ones in one transaction, so a run killed half way and run
 * again ends as one run would. Rejected and crowd boxes take no part.
 */
public final class ConsensusJob implements Job<ConsensusReport> {
    static final int WINDOW = 1000;

    private final ProjectStore store;
    private final ConsensusRequest request;

    public ConsensusJob(ProjectStore store, ConsensusRequest request) {
        this.store = store;
        this.request = request;
    }

    @Override
    public ConsensusReport run(JobContext ctx) throws InterruptedException {
        try (ProjectStore.RunningJob running = store.announce("consensus of dataset '" + request.dataset() + "' into "
                + "task '" + request.outTask() + "'")) {
            return consensus(ctx);
        }
    }

    private ConsensusReport consensus(JobContext ctx) throws InterruptedException {
        long start = System.nanoTime();
        Dataset ds = store.requireDataset(request.dataset());
        List<ConsensusRequest.Annotator> annotators = request.annotators();
        int n = annotators.size();
        long[] annotatorTasks = annotators.stream().mapToLong(a -> store.requireTask(a.task()).id()).toArray();
        Long truthTask = request.truthTask() == null ? null : store.requireTask(request.truthTask()).id();
        ConsensusConfig config = request.config();
        Task out = store.task(request.outTask(), "Consensus of " + annotators.stream()
                .map(ConsensusRequest.Annotator::name).toList() + String.format(" (IoU %.2f, quorum %d, %s)",
                config.iouThreshold(), config.quorum(), config.fusion().name().toLowerCase(java.util.Locale.ROOT)));
        Map<Long, String> labelNames = new HashMap<>();
        Map<String, Long> labelIds = new HashMap<>();
        for (Label l : store.labels()) {
            labelNames.put(l.id(), l.name());
            labelIds.put(l.name(), l.id());
        }

        AgreementTable table = new AgreementTable(n);
        long[] boxes = new long[n];
        List<Map<String, TruthTally>> vsTruth = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            vsTruth.add(new TreeMap<>()); // n: the merged truth
        }
        long[] ids = images(ds.id(), annotatorTasks);
        float[] f1 = new float[ids.length];
        long merged = 0;
        long below = 0;
        for (int from = 0; from < ids.length; from += WINDOW) {
            ctx.checkCancelled();
            long[] window = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + WINDOW));
            Map<Long, List<List<Shape>>> byImage = new HashMap<>();
            for (long image : window) {
                List<List<Shape>> sides = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    sides.add(new ArrayList<>());
                }
                byImage.put(image, sides);
            }
            Map<Long, List<Box>> loaded = new HashMap<>(); // a task named by several people is read once
            for (int i = 0; i < n; i++) {
                List<Box> taskBoxes = loaded.computeIfAbsent(annotatorTasks[i],
                        t -> store.taskBoxes(t, window[0], window[window.length - 1]));
                String author = annotators.get(i).author();
                for (Box b : taskBoxes) {
                    List<List<Shape>> sides = byImage.get(b.imageId());
                    if (sides != null && counts(b) && (author == null || author.equals(b.author()))) {
                        sides.get(i).add(shape(i, b, labelNames));
                        boxes[i]++;
                    }
                }
            }
            Map<Long, List<Shape>> truth = truthTask == null ? Map.of() : truthByImage(truthTask, window, labelNames);
            List<NewBox> newBoxes = new ArrayList<>();
            List<long[]> sources = new ArrayList<>();
            for (int k = 0; k < window.length; k++) {
                List<List<Shape>> sides = byImage.get(window[k]);
                ImageConsensus.Outcome o = ImageConsensus.of(sides, config, table);
                f1[from + k] = (float) o.agreement().f1();
                below += o.belowQuorum();
                List<Shape> mergedShapes = new ArrayList<>();
                for (MergedBox m : o.merged()) {
                    newBoxes.add(new NewBox(window[k], out.id(), labelId(m.label(), labelIds), m.x(), m.y(), m.w(),
                            m.h(), Source.HUMAN, m.score(), ReviewStatus.PENDING, request.author()));
                    sources.add(m.sources());
                    mergedShapes.add(new Shape(n, 0, m.label(), m.x(), m.y(), m.w(), m.h(), m.score()));
                }
                if (truthTask != null) {
                    List<Shape> known = truth.getOrDefault(window[k], List.of());
                    for (int i = 0; i < n; i++) {
                        add(vsTruth.get(i), ImageConsensus.againstTruth(sides.get(i), known, config.iouThreshold()));
                    }
                    add(vsTruth.get(n), ImageConsensus.againstTruth(mergedShapes, known, config.iouThreshold()));
                }
            }
            merged += newBoxes.size();
            store(out.id(), window, newBoxes, sources);
            ctx.progress(Math.min(ids.length, from + WINDOW), ids.length);
        }
        return report(ids, f1, table, boxes, vsTruth, truthTask != null, merged, below, out, start);
    }

    /**
     * Writes a window's merged truth. An image whose merged boxes come out as stored (same sources, label, box and
     * score) is left alone, so a run again after a few edits rewrites only those images, and a reviewer's verdicts on
     * the others stay.
     */
    private void store(long outTask, long[] window, List<NewBox> boxes, List<long[]> sources) {
        long from = window[0];
        long to = window[window.length - 1];
        Map<Long, long[]> storedSources = store.consensusSources(outTask, from, to);
        Map<Long, List<String>> stored = new HashMap<>();
        for (Box b : store.taskBoxes(outTask, from, to)) {
            stored.computeIfAbsent(b.imageId(), k -> new ArrayList<>()).add(key(b.imageId(), b.labelId(), b.x(), b.y(),
                    b.w(), b.h(), b.score(), storedSources.getOrDefault(b.id(), new long[0])));
        }
        Map<Long, List<String>> fresh = new HashMap<>();
        for (int i = 0; i < boxes.size(); i++) {
            NewBox b = boxes.get(i);
            fresh.computeIfAbsent(b.imageId(), k -> new ArrayList<>()).add(key(b.imageId(), b.labelId(), b.x(), b.y(),
                    b.w(), b.h(), b.score(), sources.get(i)));
        }
        long[] changed = Arrays.stream(window).filter(image -> !sorted(stored.get(image)).equals(sorted(fresh.get(image))))
                .toArray();
        if (changed.length == 0) {
            return;
        }
        java.util.Set<Long> rewrite = new java.util.HashSet<>();
        Arrays.stream(changed).forEach(rewrite::add);
        List<NewBox> newBoxes = new ArrayList<>();
        List<long[]> newSources = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            if (rewrite.contains(boxes.get(i).imageId())) {
                newBoxes.add(boxes.get(i));
                newSources.add(sources.get(i));
            }
        }
        store.inTransaction(() -> {
            store.deleteBoxes(outTask, changed);
            long[] ids = store.addBoxes(newBoxes);
            store.saveConsensusSources(ids, newSources.toArray(new long[0][]));
            return null;
        });
    }

    private static String key(long image, long label, double x, double y, double w, double h, double score,
                              long[] sources) {
        long[] s = sources.clone();
        Arrays.sort(s);
        return image + "/" + label + "/" + x + "/" + y + "/" + w + "/" + h + "/" + score + "/" + Arrays.toString(s);
    }

    private static List<String> sorted(List<String> keys) {
        if (keys == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(keys);
        java.util.Collections.sort(out);
        return out;
    }

    private ConsensusReport report(long[] ids, float[] f1, AgreementTable table, long[] boxes,
                                   List<Map<String, TruthTally>> vsTruth, boolean withTruth, long merged, long below,
                                   Task out, long start) {
        int n = boxes.length;
        List<ConsensusReport.AnnotatorRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new ConsensusReport.AnnotatorRow(request.annotators().get(i).name(), boxes[i],
                    table.annotatorVsOthers(i), withTruth ? sum(vsTruth.get(i)) : null));
        }
        List<ConsensusReport.LabelRow> labels = new ArrayList<>();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(table.labels());
        names.addAll(vsTruth.get(n).keySet());
        for (String label : names) {
            labels.add(new ConsensusReport.LabelRow(label, table.label(label),
                    withTruth ? vsTruth.get(n).getOrDefault(label, TruthTally.NONE) : null));
        }
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> f1[a] != f1[b] ? Float.compare(f1[a], f1[b]) : Long.compare(ids[a], ids[b]));
        long[] sortedIds = new long[ids.length];
        float[] sortedF1 = new float[ids.length];
        for (int i = 0; i < order.length; i++) {
            sortedIds[i] = ids[order[i]];
            sortedF1[i] = f1[order[i]];
        }
        int routed = 0;
        long stageId = 0;
        if (request.routeBelow() != null) {
            int cut = 0;
            while (cut < sortedF1.length && sortedF1[cut] < request.routeBelow()) {
                cut++;
            }
            if (cut > 0) {
                long[] low = Arrays.copyOf(sortedIds, cut);
                Arrays.sort(low);
                stageId = new ReviewStages(store).route(out.id(), String.format("agreement below %.2f",
                        request.routeBelow()), low, request.author()).id();
                routed = cut;
            }
        }
        return new ConsensusReport(rows, labels, withTruth ? sum(vsTruth.get(n)) : null, sortedIds, sortedF1, merged,
                below, routed, stageId, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The images compared: every image of the dataset, except when people of one task are compared and the task's
     * work was shared out to them: then the images at least two of them had (the overlap).
     */
    private long[] images(long datasetId, long[] annotatorTasks) {
        long[] all = store.imageIds(ImageFilter.all(datasetId));
        List<String> people = request.annotators().stream().map(ConsensusRequest.Annotator::author)
                .filter(java.util.Objects::nonNull).toList();
        if (people.size() != request.annotators().size() || Arrays.stream(annotatorTasks).distinct().count() != 1) {
            return all;
        }
        long[] shared = store.sharedImages(annotatorTasks[0], people);
        if (shared.length == 0) {
            return all;
        }
        java.util.Set<Long> inDataset = new java.util.HashSet<>();
        Arrays.stream(all).forEach(inDataset::add);
        return Arrays.stream(shared).filter(inDataset::contains).toArray();
    }

    private Map<Long, List<Shape>> truthByImage(long truthTask, long[] window, Map<Long, String> labelNames) {
        Map<Long, List<Shape>> out = new HashMap<>();
        for (Box b : store.taskBoxes(truthTask, window[0], window[window.length - 1])) {
            if (counts(b)) {
                out.computeIfAbsent(b.imageId(), k -> new ArrayList<>()).add(shape(-1, b, labelNames));
            }
        }
        return out;
    }

    private static boolean counts(Box b) {
        return b.status() != ReviewStatus.REJECTED && !b.crowd();
    }

    private static Shape shape(int annotator, Box b, Map<Long, String> labelNames) {
        return new Shape(annotator, b.id(), labelNames.get(b.labelId()), b.x(), b.y(), b.w(), b.h(), b.score());
    }

    private long labelId(String name, Map<String, Long> labelIds) {
        return labelIds.computeIfAbsent(name, k -> store.label(k).id());
    }

    private static void add(Map<String, TruthTally> into, Map<String, TruthTally> image) {
        image.forEach((label, t) -> into.merge(label, t, TruthTally::plus));
    }

    private static TruthTally sum(Map<String, TruthTally> byLabel) {
        return byLabel.values().stream().reduce(TruthTally.NONE, TruthTally::plus);
    }
}
