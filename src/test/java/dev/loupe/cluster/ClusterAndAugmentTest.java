package dev.loupe.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.augment.AugmentJob;
import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.Augmenter;
import dev.loupe.augment.RebalancePlan;
import dev.loupe.augment.Recipe;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Box;
import dev.loupe.core.BoxCluster;
import dev.loupe.core.ClusterRun;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Source;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clustering and rebalancing the person boxes of coco-dev's tiny50 subset, on a real project. */
class ClusterAndAugmentTest {
    @TempDir
    Path tmp;

    @Test
    void clustersDeterministicallyCountsAddUpAndAugmentationBalancesTheClusters() throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromFolder(tiny.resolve("images")),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            new ImportAnnotationsJob(p.store(), new AnnotationImportRequest("d", AnnotationFormats.byName("coco"),
                    List.of(tiny.resolve("instances.json")), ReadOptions.defaults(), "gt", "", false, false,
                    UnknownLabels.ADD, "test")).run(JobContext.silent());
            ClusterSettings settings = ClusterSettings.reference("person", "gt", 7);

            ClusterReport first = new ClusterJob(p.store(), "d", settings).run(JobContext.silent());
            ClusterRun run = p.store().latestClusterRun(1).orElseThrow();
            ClusterReport again = new ClusterJob(p.store(), "d", settings).run(JobContext.silent());
            ClusterRun rerun = p.store().latestClusterRun(1).orElseThrow();
            // ARPACK's start vector for UMAP's spectral initialisation changes between calls in one process, so
            // only the clusters and the set of placed points are compared, not the layout.
            assertTrue(shape(run).equals(shape(rerun)), "same seed and data: same clusters, same points placed");
            assertEquals(first.clusters(), again.clusters());

            long persons = p.store().boxMetrics(1).size(); // every box has metrics now; count the person ones
            Set<Long> personImages = new HashSet<>();
            int personBoxes = 0;
            long person = p.store().label("person").id();
            for (ImageItem im : p.store().images(p.store().imageIds(dev.loupe.core.ImageFilter.all(1)))) {
                for (Box b : p.store().boxes(im.id())) {
                    if (b.labelId() == person && !b.crowd()) {
                        personBoxes++;
                        personImages.add(im.id());
                    }
                }
            }
            assertTrue(persons > personBoxes);
            assertEquals(personBoxes, first.boxes());
            assertEquals(personBoxes, first.clusters().stream().mapToInt(ClusterReport.Cluster::objects).sum());
            assertEquals(personImages.size(), first.clusters().stream().mapToInt(ClusterReport.Cluster::images).sum(),
                    "every image with a person is in exactly one cluster");
            assertEquals(4, first.clusters().size());

            // a model's evaluation run on the originals: what it found there says nothing about a copy
            long evalTask = p.store().task(dev.loupe.core.Task.EVALUATION_PREFIX + "m#0123456789ab", "").id();
            p.store().addBoxes(personImages.stream().map(id -> new dev.loupe.core.NewBox(id, evalTask, person,
                    10, 10, 50, 80, Source.MODEL, 0.9, dev.loupe.core.ReviewStatus.PENDING, "", false)).toList());

            int target = 40;
            RebalancePlan plan = RebalancePlan.make(run, List.of(), target, 3);
            plan.clusters().forEach(c -> assertEquals(Math.max(target, c.images()), c.after()));
            AugmentJob.Report made = new AugmentJob(p.store(), "d", plan, AugmentRanges.reference(),
                    p.cacheDir("augmented")).run(JobContext.silent());
            assertEquals(plan.copies().size(), made.copies());
            assertEquals(plan.copies().size(), p.store().summary(1).augmented());
            assertEquals(0, RebalancePlan.make(run, p.store().augmentedImages(1), target, 3).copies().size(),
                    "planning again after the job finds nothing left to do");

            ClusterReport after = new ClusterJob(p.store(), "d", settings).run(JobContext.silent());
            for (int c = 0; c < 4; c++) {
                assertEquals(first.clusters().get(c).objects(), after.clusters().get(c).objects(),
                        "the copies leave the original clusters as they were");
                assertEquals(Math.max(target, first.clusters().get(c).images()), after.clusters().get(c).totalImages());
            }
            ClusterRun withCopies = p.store().latestClusterRun(1).orElseThrow();
            Map<Long, BoxCluster> byBox = new java.util.HashMap<>();
            withCopies.boxes().forEach(b -> byBox.put(b.boxId(), b));

            checkAndDrawCopies(p, byBox);
        }
    }

    private static List<String> shape(ClusterRun run) {
        return run.boxes().stream().map(b -> b.boxId() + ":" + b.cluster() + ":" + Double.isNaN(b.umapX())).toList();
    }

    /** Every stored copy box is its source box through the stored recipe; a few copies are drawn to look at. */
    private void checkAndDrawCopies(Project p, Map<Long, BoxCluster> clusterOfBox) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<AugmentedImage> copies = p.store().augmentedImages(1);
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        int drawn = 0;
        Set<Long> evaluationCaches = new HashSet<>();
        p.store().tasks().stream().filter(dev.loupe.core.Task::isEvaluationCache)
                .forEach(t -> evaluationCaches.add(t.id()));
        assertEquals(1, evaluationCaches.size());
        for (AugmentedImage a : copies) {
            ImageItem source = p.store().image(a.sourceImageId()).orElseThrow();
            ImageItem copy = p.store().image(a.imageId()).orElseThrow();
            assertTrue(Files.isRegularFile(Path.of(copy.path())), copy.path());
            Recipe recipe = json.readValue(a.recipe(), Recipe.class);
            List<Box> from = p.store().boxes(source.id()).stream()
                    .filter(b -> !evaluationCaches.contains(b.taskId())).toList();
            List<Box> to = p.store().boxes(copy.id());
            BufferedImage sourcePixels = ImageDecoder.decode(Path.of(source.path()), source.orientation());
            List<Augmenter.Rect> placed = Augmenter.apply(sourcePixels, recipe, from.stream()
                    .map(b -> new Augmenter.Rect(b.x(), b.y(), b.w(), b.h())).toList(), 0.25).boxes();
            int matched = 0;
            for (int i = 0; i < from.size(); i++) {
                Box b = from.get(i);
                Augmenter.Rect expected = placed.get(i);
                if (expected == null) {
                    continue;
                }
                Box got = to.stream().filter(t -> t.labelId() == b.labelId() && Math.abs(t.x() - expected.x()) < 1
                        && Math.abs(t.y() - expected.y()) < 1 && Math.abs(t.w() - expected.w()) < 1
                        && Math.abs(t.h() - expected.h()) < 1).findFirst().orElse(null);
                assertNotNull(got, "copy " + copy.relativePath() + " lacks " + expected);
                assertEquals(Source.AUGMENTED, got.source());
                assertEquals(b.status(), got.status());
                matched++;
            }
            assertEquals(to.size(), matched, "the copy holds its source's annotations and no evaluation boxes");
            to.stream().filter(b -> clusterOfBox.containsKey(b.id()))
                    .forEach(b -> assertEquals(a.cluster(), clusterOfBox.get(b.id()).cluster()));
            if (drawn < 4 && a.cluster() == drawn) {
                BufferedImage img = ImageDecoder.decode(Path.of(copy.path()), 1);
                Graphics2D g = img.createGraphics();
                g.setColor(Color.GREEN);
                g.setStroke(new BasicStroke(2));
                to.forEach(b -> g.drawRect((int) b.x(), (int) b.y(), (int) b.w(), (int) b.h()));
                g.dispose();
                ImageIO.write(img, "png", shots.resolve("augmented-cluster-" + a.cluster() + ".png").toFile());
                drawn++;
            }
        }
    }
}
