package dev.loupe.formats;

import dev.loupe.core.Box;
import dev.loupe.core.BoxFlags;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Label;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import dev.loupe.testing.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A real project holding the 306 coco-dev images, and helpers to compare the boxes of two tasks. */
final class CocoDevProject {

    private CocoDevProject() {
    }

    static Project create(Path dir) throws Exception {
        Project p = Project.create(dir);
        new ImportImagesJob(p.store(), "dev", ImportSources.fromArguments(List.of(SharedData.cocoDev().toString())),
                new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
        return p;
    }

    static List<Path> cocoFiles() throws Exception {
        try (var s = Files.list(SharedData.cocoDev())) {
            return s.map(d -> d.resolve("instances.json")).sorted().toList();
        }
    }

    static AnnotationImportReport importTask(ProjectStore store, AnnotationFormat format, List<Path> files, String task,
                                             ReadOptions options) throws Exception {
        return new ImportAnnotationsJob(store, new AnnotationImportRequest("dev", format, files, options, task, "",
                false, false, UnknownLabels.ADD, "test")).run(JobContext.silent());
    }

    /** Boxes of a task by image id. */
    static Map<Long, List<Box>> boxesOf(ProjectStore store, String task) {
        long taskId = store.tasks().stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow().id();
        Dataset dev = store.findDataset("dev").orElseThrow();
        Map<Long, List<Box>> out = new HashMap<>();
        for (long id : store.imageIds(ImageFilter.all(dev.id()))) {
            for (Box b : store.boxes(id)) {
                if (b.taskId() == taskId) {
                    out.computeIfAbsent(id, k -> new ArrayList<>()).add(b);
                }
            }
        }
        return out;
    }

    /**
     * Every expected box has its own actual box with the same label (when compared), crowd flag, and
     * corners within {@code tolerancePx}; and there are no extra actual boxes.
     */
    static void assertSameBoxes(ProjectStore store, Map<Long, List<Box>> expected, Map<Long, List<Box>> actual,
                                double tolerancePx, boolean compareCrowdLabels) {
        Map<Long, String> names = new HashMap<>();
        for (Label l : store.labels()) {
            names.put(l.id(), l.name());
        }
        int total = 0;
        for (var e : expected.entrySet()) {
            List<Box> left = new ArrayList<>(actual.getOrDefault(e.getKey(), List.of()));
            for (Box want : e.getValue()) {
                Box hit = null;
                for (Box got : left) {
                    boolean labelOk = (want.crowd() && !compareCrowdLabels)
                            || names.get(want.labelId()).equals(names.get(got.labelId()));
                    // VOC writes a crowd region as difficult, the flag its evaluation leaves out
                    boolean gotCrowd = got.crowd() || BoxFlags.has(got.flags(), BoxFlags.DIFFICULT);
                    if (labelOk && want.crowd() == gotCrowd && close(want, got, tolerancePx)) {
                        hit = got;
                        break;
                    }
                }
                if (hit == null) {
                    fail("no match for " + names.get(want.labelId()) + " " + want + " on image " + e.getKey()
                            + " among " + left);
                }
                left.remove(hit);
                total++;
            }
            assertTrue(left.isEmpty(), "extra boxes on image " + e.getKey() + ": " + left);
        }
        assertEquals(expected.values().stream().mapToInt(List::size).sum(), total);
        assertEquals(expected.keySet().stream().filter(k -> !expected.get(k).isEmpty()).count(),
                actual.keySet().stream().filter(k -> !actual.get(k).isEmpty()).count(), "images with boxes");
    }

    private static boolean close(Box a, Box b, double tol) {
        return Math.abs(a.x() - b.x()) <= tol && Math.abs(a.y() - b.y()) <= tol
                && Math.abs(a.x() + a.w() - b.x() - b.w()) <= tol && Math.abs(a.y() + a.h() - b.y() - b.h()) <= tol;
    }
}
