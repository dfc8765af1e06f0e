package dev.loupe.inference;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.KittiFormat;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.JobCancelledException;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pre-annotation job on real images with the real YOLOX-Nano model. */
class PreannotateJobTest {
    @TempDir
    static Path tmp;
    static Detector yolox;

    @BeforeAll
    static void loadModel() throws Exception {
        ModelDescriptor d = ModelCatalog.load(null).get("yolox_nano");
        yolox = DjlDetector.load(d, new WeightsResolver(DjlDetectorTest.models(), tmp.resolve("cache")).resolve(d, n -> { }),
                DetectorConfig.defaults(d));
    }

    @AfterAll
    static void close() {
        yolox.close();
    }

    private static Project projectWith(String name, List<String> paths) throws Exception {
        Project p = Project.create(tmp.resolve(name));
        new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(paths),
                new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
        return p;
    }

    @Test
    void storesPersonPredictionsPendingWithScoresAndResumesAfterCancel() throws Exception {
        try (Project p = projectWith("resume", List.of(SharedData.cocoDev().resolve("tiny50-train").toString()))) {
            JobContext cancelEarly = dev.loupe.testing.Contexts.stopAfterReports(1);
            PreannotateRequest request = new PreannotateRequest("d", "yolox", Set.of("person"), null, null, 2);
            assertThrows(JobCancelledException.class, () -> new PreannotateJob(p.store(), yolox, request).run(cancelEarly));
            long taskId = p.store().tasks().get(0).id();
            int doneAfterCancel = p.store().inferredImages(taskId, yolox.descriptor().key()).size();
            assertTrue(doneAfterCancel > 0 && doneAfterCancel < 50, "cancelled mid-way: " + doneAfterCancel);
            long boxesAfterCancel = p.store().countBoxes(BoxQuery.inDataset(1));

            PreannotateReport rest = new PreannotateJob(p.store(), yolox, request).run(JobContext.silent());
            assertEquals(doneAfterCancel, rest.alreadyDone());
            assertEquals(50 - doneAfterCancel, rest.images());
            assertEquals(50, p.store().inferredImages(taskId, yolox.descriptor().key()).size());
            List<Box> boxes = p.store().boxPage(BoxQuery.inDataset(1), 0, 10_000);
            assertEquals(boxesAfterCancel + rest.boxes(), boxes.size(), "no image stored twice");
            assertTrue(boxes.size() > 40, "people found in tiny50: " + boxes.size());
            long person = p.store().labels().stream().filter(l -> l.name().equals("person")).findFirst().orElseThrow().id();
            for (Box b : boxes) {
                assertEquals(person, b.labelId());
                assertEquals(Source.MODEL, b.source());
                assertEquals(ReviewStatus.PENDING, b.status());
                assertTrue(b.score() >= yolox.config().scoreThreshold(), "score " + b.score());
            }
        }
    }

    @Test
    void sessionsThatDecodeTheirOwnImagesFindTheSameBoxesAsDecodeThreadsFeedingThem() throws Exception {
        try (Project p = projectWith("modes", List.of(SharedData.cocoDev().resolve("tiny50-train").toString()))) {
            new PreannotateJob(p.store(), yolox, new PreannotateRequest("d", "own", Set.of(), null, null, 0))
                    .run(JobContext.silent());
            new PreannotateJob(p.store(), yolox, new PreannotateRequest("d", "fed", Set.of(), null, null, 3))
                    .run(JobContext.silent());
            java.util.Map<Long, String> tasks = new java.util.HashMap<>();
            p.store().tasks().forEach(t -> tasks.put(t.id(), t.name()));
            java.util.Map<String, List<String>> byTask = new java.util.TreeMap<>();
            for (Box b : p.store().boxPage(BoxQuery.inDataset(1), 0, 100_000)) {
                byTask.computeIfAbsent(tasks.get(b.taskId()), k -> new java.util.ArrayList<>())
                        .add(b.imageId() + " " + b.labelId() + " " + b.x() + " " + b.y() + " " + b.w() + " " + b.h());
            }
            byTask.values().forEach(java.util.Collections::sort);
            assertTrue(byTask.get("own").size() > 40, "boxes found: " + byTask.get("own").size());
            assertEquals(byTask.get("fed"), byTask.get("own"));
        }
    }

    @Test
    void kittiOutputRoundTripsThroughTheImporter() throws Exception {
        try (Project p = projectWith("kitti", List.of(SharedData.photos().toString()))) {
            Path out = tmp.resolve("kitti-out");
            PreannotateReport r = new PreannotateJob(p.store(), yolox, new PreannotateRequest("d", "pred", null, null, out, 2))
                    .run(JobContext.silent());
            assertEquals(6, r.images());
            assertTrue(Files.readString(out.resolve("labels/bus.txt")).lines().allMatch(l -> l.split(" ").length == 16),
                    "16 fields: KITTI with a score");
            new ImportAnnotationsJob(p.store(), new AnnotationImportRequest("d", new KittiFormat(),
                    List.of(out.resolve("labels")), ReadOptions.defaults(), "back", "", false, true, UnknownLabels.ADD, ""))
                    .run(JobContext.silent());
            long pred = taskId(p, "pred");
            long back = taskId(p, "back");
            List<Box> all = p.store().boxPage(BoxQuery.inDataset(1), 0, 10_000);
            List<Box> a = all.stream().filter(b -> b.taskId() == pred).sorted(ORDER).toList();
            List<Box> b = all.stream().filter(x -> x.taskId() == back).sorted(ORDER).toList();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).labelId(), b.get(i).labelId());
                assertEquals(a.get(i).x(), b.get(i).x(), 0.01);
                assertEquals(a.get(i).y(), b.get(i).y(), 0.01);
                assertEquals(a.get(i).w(), b.get(i).w(), 0.02);
                assertEquals(a.get(i).score(), b.get(i).score(), 1e-4);
            }
        }
    }

    private static final Comparator<Box> ORDER = Comparator.comparingLong(Box::imageId).thenComparingDouble(Box::x)
            .thenComparingDouble(Box::y);

    private static long taskId(Project p, String name) {
        return p.store().tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test
    void rotatedAndGrayImagesGetBoxesInTheirDisplayFrameAndBrokenOnesAreSkipped() throws Exception {
        BufferedImage bus = ImageIO.read(SharedData.photos().resolve("bus.jpg").toFile());
        Path in = Files.createDirectories(tmp.resolve("odd"));
        // stored rotated 90° counter-clockwise with EXIF 6 (rotate clockwise to display): displays as bus.jpg
        BufferedImage stored = new BufferedImage(bus.getHeight(), bus.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < bus.getHeight(); y++) {
            for (int x = 0; x < bus.getWidth(); x++) {
                stored.setRGB(y, bus.getWidth() - 1 - x, bus.getRGB(x, y));
            }
        }
        Files.write(in.resolve("bus-rotated.png"), withOrientation(stored, 6));
        BufferedImage gray = new BufferedImage(bus.getWidth(), bus.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(bus, 0, 0, null);
        ImageIO.write(gray, "png", in.resolve("bus-gray.png").toFile());
        Files.copy(SharedData.photos().resolve("bus.jpg"), in.resolve("bus.jpg"));
        try (Project p = projectWith("odd", List.of(in.toString()))) {
            // break one file after import: it must be skipped and reported, not stop the run
            Files.write(in.resolve("bus.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
            PreannotateReport r = new PreannotateJob(p.store(), yolox,
                    new PreannotateRequest("d", "pred", Set.of("person", "bus"), null, null, 2)).run(JobContext.silent());
            assertEquals(3, r.images());
            assertEquals(1, r.skipped().size());
            assertTrue(r.skipped().get(0).item().endsWith("bus.jpg"), r.skipped().toString());
            List<Box> boxes = p.store().boxPage(BoxQuery.inDataset(1), 0, 1000);
            long busLabel = p.store().labels().stream().filter(l -> l.name().equals("bus")).findFirst().orElseThrow().id();
            for (String name : List.of("bus-rotated.png", "bus-gray.png")) {
                long image = p.store().imagePage(dev.loupe.core.ImageFilter.all(1), 0, 10).stream()
                        .filter(i -> i.fileName().equals(name)).findFirst().orElseThrow().id();
                Box big = boxes.stream().filter(b -> b.imageId() == image && b.labelId() == busLabel)
                        .max(Comparator.comparingDouble(Box::score)).orElseThrow();
                // display frame is 810 wide, 1080 tall; the bus spans most of the width in the upper middle
                assertTrue(big.w() > 500 && big.y() < 400 && big.y() + big.h() > 600, name + ": " + big);
            }
        }
    }

    private static byte[] withOrientation(BufferedImage img, int orientation) throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        byte[] plain = png.toByteArray();
        byte[] withExif = dev.loupe.testing.TestImages.pngWithOrientation(2, 2, orientation);
        // reuse the eXIf chunk of a tiny reference PNG: it sits right after that PNG's IHDR
        int ihdrEnd = 8 + 8 + 13 + 4;
        int chunkLen = 12 + 26;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(plain, 0, ihdrEnd);
        out.write(withExif, ihdrEnd, chunkLen);
        out.write(plain, ihdrEnd, plain.length - ihdrEnd);
        return out.toByteArray();
    }
}
