package dev.loupe.suspects;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalSources;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors put into a copy of coco-dev's boxes (3% each: deleted, shifted by half their width, relabelled, and made-up
 * boxes; seeded), and YOLOX-Nano's predictions: the top hundred suspects are mostly those errors.
 */
class SuspectsCocoDevTest {
    @TempDir
    Path tmp;

    private record Injected(long imageId, SuspectKind kind, double x, double y, double w, double h) {
    }

    @Test
    void theTopHundredSuspectsAreMostlyInjectedErrors() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            ProjectStore store = p.store();
            new ImportImagesJob(store, "dev", ImportSources.fromArguments(List.of(SharedData.cocoDev().toString())),
                    new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            for (String subset : List.of("coco128-train", "subset128-train", "tiny50-train")) {
                new ImportAnnotationsJob(store, new AnnotationImportRequest("dev", AnnotationFormats.byName("coco"),
                        List.of(SharedData.cocoDev().resolve(subset).resolve("instances.json")), ReadOptions.defaults(),
                        "coco", "", false, false, UnknownLabels.ADD, "test")).run(JobContext.silent());
            }
            List<Box> coco = store.boxPage(new BoxQuery(null, store.task("coco", "").id(), null, null, null, null, null),
                    0, 100_000).stream().filter(b -> !b.crowd()).toList();
            long[] labels = store.labels().stream().mapToLong(Label::id).toArray();
            long noisy = store.task("noisy", "").id();
            Random r = new Random(22);
            List<NewBox> copy = new ArrayList<>();
            List<Injected> injected = new ArrayList<>();
            for (Box b : coco) {
                double u = r.nextDouble();
                double x = b.x();
                long label = b.labelId();
                if (u < 0.03) { // deleted
                    injected.add(new Injected(b.imageId(), SuspectKind.MISSING_BOX, b.x(), b.y(), b.w(), b.h()));
                    continue;
                } else if (u < 0.06) { // shifted by half its width
                    x = b.x() + 0.5 * b.w();
                    injected.add(new Injected(b.imageId(), SuspectKind.POOR_FIT, x, b.y(), b.w(), b.h()));
                } else if (u < 0.09) { // relabelled
                    do {
                        label = labels[r.nextInt(labels.length)];
                    } while (label == b.labelId());
                    injected.add(new Injected(b.imageId(), SuspectKind.WRONG_LABEL, x, b.y(), b.w(), b.h()));
                } else if (u < 0.12) { // a made-up box besides it, in the image's corner
                    copy.add(new NewBox(b.imageId(), noisy, b.labelId(), 2, 2, b.w(), b.h(), Source.HUMAN, Double.NaN,
                            ReviewStatus.PENDING, "t"));
                    injected.add(new Injected(b.imageId(), SuspectKind.FALSE_BOX, 2, 2, b.w(), b.h()));
                }
                copy.add(new NewBox(b.imageId(), noisy, label, x, b.y(), b.w(), b.h(), Source.HUMAN, Double.NaN,
                        ReviewStatus.PENDING, "t"));
            }
            store.addBoxes(copy);
            List<EvalBox> predictions = EvalSources.read(store, "dev", EvalSources.MODEL_PREFIX + "yolox_nano",
                    SharedData.root().resolve("models"), null, JobContext.silent());
            List<Suspect> suspects = new SuspectsJob(store, "dev", "noisy", predictions, SuspectConfig.defaults())
                    .run(JobContext.silent());
            List<Suspect> top = suspects.subList(0, Math.min(100, suspects.size()));
            // a suspect is right when it points at an injected error (whichever kind it calls it: a made-up box on
            // top of a real one is also a duplicate)
            int real = (int) top.stream().filter(s -> injected.stream().anyMatch(e -> at(e, s))).count();
            StringBuilder report = new StringBuilder();
            for (SuspectKind kind : List.of(SuspectKind.MISSING_BOX, SuspectKind.FALSE_BOX, SuspectKind.WRONG_LABEL,
                    SuspectKind.POOR_FIT)) {
                // per kind: the first hundred suspects of that kind, and the injected errors of that kind
                List<Suspect> ofKind = suspects.stream().filter(s -> s.kind() == kind).limit(100).toList();
                List<Injected> errors = injected.stream().filter(e -> e.kind() == kind).toList();
                long right = ofKind.stream().filter(s -> injected.stream().anyMatch(e -> at(e, s))).count();
                long found = errors.stream().filter(e -> ofKind.stream().anyMatch(s -> at(e, s))).count();
                long anywhere = errors.stream().filter(e -> suspects.stream().anyMatch(s -> s.kind() == kind && at(e, s)))
                        .count();
                report.append(String.format("%n  %-12s precision@%d %.2f  recall@%d %.2f (%d of %d)  recall of all %d "
                                + "suspects of the kind %.2f", kind, ofKind.size(), right / (double) ofKind.size(),
                        ofKind.size(), found / (double) errors.size(), found, errors.size(),
                        suspects.stream().filter(s -> s.kind() == kind).count(), anywhere / (double) errors.size()));
            }
            System.out.printf("precision@100 over all kinds %.2f (%d injected errors, %d suspects); per kind:%s%n",
                    real / 100.0, injected.size(), suspects.size(), report);
            // the goal is 0.6; this guards what is reached (0.60 on this machine) against falling back
            assertTrue(real >= 55, "precision@100 " + real / 100.0 + ": " + report);
        }
    }

    /** Whether the suspect is about this error: the same image, the same place (within a third of its size). */
    private static boolean at(Injected e, Suspect s) {
        return e.imageId() == s.imageId() && Math.abs(e.x() - s.x()) < 0.3 * e.w() + 2
                && Math.abs(e.y() - s.y()) < 0.3 * e.h() + 2;
    }
}
