package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoupeCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = LoupeCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void consensusOfTwoTasksThatAgreeAndClearErrorsForBadAnnotators() throws Exception {
        Path demo = tmp.resolve("demo");
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertEquals(0, run("new", demo.toString()).code());
        assertEquals(0, run("import-images", demo.toString(), "--dataset", "dev", tiny.resolve("images").toString()).code());
        for (String task : new String[]{"alice", "bob"}) {
            Run imported = run("import-annotations", demo.toString(), "--dataset", "dev", "--format", "coco", "--task",
                    task, tiny.resolve("instances.json").toString());
            assertEquals(0, imported.code(), imported.err());
        }
        Run merged = run("consensus", demo.toString(), "--dataset", "dev", "--tasks", "alice,bob", "--out-task", "merged",
                "--truth", "alice", "--json");
        assertEquals(0, merged.code(), merged.err());
        JsonNode json = new ObjectMapper().readTree(merged.out());
        assertEquals(50, json.get("images").asInt());
        assertEquals(1.0, json.get("agreement").get("f1").asDouble(), "identical boxes agree fully");
        assertEquals(1.0, json.get("mergedVsTruth").get("f1").asDouble(), "and merge into themselves");
        long crowdless = json.get("annotators").get(0).get("boxes").asLong();
        assertEquals(crowdless, json.get("mergedBoxes").asLong());
        assertEquals(0, json.get("routed").asInt());

        Run unknown = run("consensus", demo.toString(), "--dataset", "dev", "--tasks", "alice,carol", "--out-task", "m2");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no task 'carol'"), unknown.err());
        Run both = run("consensus", demo.toString(), "--dataset", "dev", "--tasks", "alice,bob", "--task", "alice",
                "--out-task", "m2");
        assertTrue(both.err().contains("either as --tasks a,b,c or as --task T --people a,b,c"), both.err());
        Run into = run("consensus", demo.toString(), "--dataset", "dev", "--tasks", "alice,bob", "--out-task", "bob");
        assertTrue(into.err().contains("needs a task of its own"), into.err());

        // the same project: independent annotation of a share of the images, honeypots from alice's boxes
        Run overlap = run("assign", demo.toString(), "--task", "work", "--dataset", "dev", "--to", "ann,ben,cat",
                "--overlap", "2", "--overlap-percent", "20");
        assertEquals(1, overlap.code(), "no task 'work' yet: " + overlap.err());
        assertEquals(0, run("import-annotations", demo.toString(), "--dataset", "dev", "--format", "coco", "--task",
                "work", tiny.resolve("instances.json").toString()).code());
        overlap = run("assign", demo.toString(), "--task", "work", "--dataset", "dev", "--to", "ann,ben,cat",
                "--overlap", "2", "--overlap-percent", "20");
        assertEquals(0, overlap.code(), overlap.err());
        assertTrue(overlap.out().contains("50 images of dataset 'dev' to annotate in task 'work' (20% of them by 2 "
                + "people each)"), overlap.out());
        JsonNode queues = new ObjectMapper().readTree(run("queue", demo.toString(), "--all", "--json").out());
        long assigned = 0;
        for (JsonNode q : queues) {
            assigned += q.get("assigned").asLong();
        }
        assertEquals(60, assigned, "50 images, 10 of them twice");
        Run planted = run("honeypots", "plant", demo.toString(), "--task", "work", "--truth", "alice", "--dataset", "dev",
                "--percent", "10", "--to", "ann,ben");
        assertEquals(0, planted.code(), planted.err());
        assertTrue(planted.out().startsWith("5 honeypots planted in the queues of ann, ben"), planted.out());
        Run none = run("honeypots", "report", demo.toString(), "--task", "work");
        assertEquals("no honeypot marked done yet", none.out().strip());

        // the same boxes checked against YOLOX-Nano: suspects best first, in the documented shape
        Run suspects = run("suspects", demo.toString(), "--dataset", "dev", "--task", "alice", "--models-dir",
                SharedData.root().resolve("models").toString(), "--top", "10", "--json");
        assertEquals(0, suspects.code(), suspects.err());
        JsonNode list = new ObjectMapper().readTree(suspects.out()).get("suspects");
        assertEquals(10, list.size());
        double last = Double.MAX_VALUE;
        for (JsonNode n : list) {
            assertTrue(n.get("score").asDouble() <= last, "best first: " + list);
            last = n.get("score").asDouble();
            assertEquals(4, n.get("box").size());
            assertTrue(List.of("missing_box", "false_box", "wrong_label", "poor_fit", "duplicate")
                    .contains(n.get("kind").asText()), n.toString());
            assertTrue(n.get("image").asText().endsWith(".jpg"), n.toString());
        }

        // what to label next: only images without a box in alice are left to label there
        String models = SharedData.root().resolve("models").toString();
        Run left = run("rank", demo.toString(), "--dataset", "dev", "--task", "alice", "--models-dir", models, "--json");
        assertEquals(0, left.code(), left.err());
        JsonNode unlabelled = new ObjectMapper().readTree(left.out()).get("ranked");
        try (var p = dev.loupe.project.Project.open(demo)) {
            long alice = p.store().requireTask("alice").id();
            long labelled = java.util.Arrays.stream(p.store().imageIds(dev.loupe.core.ImageFilter.all(
                    p.store().requireDataset("dev").id()))).filter(id -> p.store().boxes(id).stream()
                    .anyMatch(b -> b.taskId() == alice)).count();
            assertEquals(50 - labelled, unlabelled.size(), unlabelled.toString());
            for (JsonNode n : unlabelled) {
                assertTrue(p.store().boxes(n.get("imageId").asLong()).stream().noneMatch(b -> b.taskId() == alice));
            }
        }
        // a pre-annotated task leaves all of them to rank
        assertEquals(0, run("preannotate", demo.toString(), "--dataset", "dev", "--task", "pre", "--models-dir",
                models).code());
        Run ranked = run("rank", demo.toString(), "--dataset", "dev", "--task", "pre", "--models-dir", models,
                "--top", "5", "--json");
        assertEquals(0, ranked.code(), ranked.err());
        JsonNode top = new ObjectMapper().readTree(ranked.out()).get("ranked");
        assertEquals(5, top.size());
        assertEquals(top.get(0).get("uncertainty").asDouble(), top.get(0).get("value").asDouble(),
                "the surest pick is the least sure image, discounted by nothing");
        List<Long> topIds = new java.util.ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            topIds.add(top.get(i).get("imageId").asLong());
            assertTrue(i == 0 || top.get(i).get("value").asDouble() <= top.get(i - 1).get("value").asDouble(), top.toString());
            assertTrue(top.get(i).get("uncertainty").asDouble() > 0, top.toString());
        }
        // a review stage drawn by the same ranking takes those very images
        Run stage = run("review-stage", demo.toString(), "--task", "pre", "--percent", "10", "--ranked-by",
                "yolox_nano", "--models-dir", models, "--name", "next");
        assertEquals(0, stage.code(), stage.err());
        assertTrue(stage.out().contains("the 5 images yolox_nano ranks first"), stage.out());
        try (var p = dev.loupe.project.Project.open(demo)) {
            var next = p.store().stages(p.store().requireTask("pre").id()).get(0);
            assertEquals(topIds.stream().sorted().toList(), p.store().stageImages(next.id()).stream()
                    .map(dev.loupe.core.StageImage::imageId).sorted().toList());
        }
    }

    @Test
    void aClipIsImportedTrackedAndExportedAsTracksAndAsFrames() throws Exception {
        Path demo = tmp.resolve("demo");
        Path clip = SharedData.root().resolve("data/video/one-by-one-person-detection.mp4");
        assertEquals(0, run("new", demo.toString()).code());
        Run imported = run("import-video", demo.toString(), "--dataset", "walk", "--every", "5", clip.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("Imported 1 clips into dataset 'walk': 279 frames"), imported.out());
        assertEquals(279, new ObjectMapper().readTree(run("info", demo.toString(), "--json").out()).get("images").asInt(),
                "frames count as images of their dataset");

        Run tracked = run("track", demo.toString(), "--dataset", "walk", "--task", "people", "--classes", "person",
                "--models-dir", SharedData.root().resolve("models").toString(), "--json");
        assertEquals(0, tracked.code(), tracked.err());
        JsonNode report = new ObjectMapper().readTree(tracked.out());
        assertEquals(279, report.get("frames").asInt());
        int tracks = report.get("tracks").asInt();
        assertTrue(tracks > 0, tracked.out());

        Path mot = tmp.resolve("mot");
        Run motOut = run("export", demo.toString(), "--dataset", "walk", "--task", "people", "--format", "mot", "--out",
                mot.toString());
        assertEquals(0, motOut.code(), motOut.err());
        List<dev.loupe.core.Track> back = dev.loupe.formats.MotChallenge.read(
                mot.resolve("one-by-one-person-detection/gt/gt.txt"), List.of("person"));
        assertEquals(tracks, back.size(), "every track in gt.txt");
        Run cvat = run("export", demo.toString(), "--dataset", "walk", "--task", "people", "--format", "cvat-video",
                "--out", tmp.resolve("cvat").toString());
        assertEquals(0, cvat.code(), cvat.err());
        assertEquals(tracks, dev.loupe.formats.CvatVideoXml.read(tmp.resolve("cvat/one-by-one-person-detection.xml")).size());

        // and back in: the same tracks give the same boxes on the imported frames
        JsonNode before = new ObjectMapper().readTree(run("info", demo.toString(), "--json").out());
        Run motIn = run("import-annotations", demo.toString(), "--dataset", "walk", "--format", "mot", "--task",
                "from-mot", mot.resolve("one-by-one-person-detection/gt/gt.txt").toString());
        assertEquals(0, motIn.code(), motIn.err());
        Run cvatIn = run("import-annotations", demo.toString(), "--dataset", "walk", "--format", "cvat-video", "--task",
                "from-cvat", tmp.resolve("cvat/one-by-one-person-detection.xml").toString());
        assertEquals(0, cvatIn.code(), cvatIn.err());
        long boxes = before.get("boxes").asLong();
        JsonNode after = new ObjectMapper().readTree(run("info", demo.toString(), "--json").out());
        assertEquals(3 * boxes, after.get("boxes").asLong(), "each import put as many boxes as the tracker did: "
                + motIn.out() + cvatIn.out());

        Run extracted = run("import-video", demo.toString(), "--dataset", "stills", "--every", "100", "--extract",
                tmp.resolve("frames").toString(), clip.toString());
        assertEquals(0, extracted.code(), extracted.err());
        assertTrue(extracted.out().contains("Imported 14 frames as pictures into dataset 'stills'"), extracted.out());
        assertTrue(java.nio.file.Files.isRegularFile(tmp.resolve(
                "frames/one-by-one-person-detection/one-by-one-person-detection_001300.jpg")));

        Run frames = run("export", demo.toString(), "--dataset", "walk", "--task", "people", "--format", "yolo", "--out",
                tmp.resolve("yolo").toString());
        assertEquals(0, frames.code(), frames.err());
        try (var files = java.nio.file.Files.list(tmp.resolve("yolo/images"))) {
            assertEquals(279, files.filter(f -> f.toString().endsWith(".jpg")).count(), "each frame written as a JPEG");
        }
    }

    @Test
    void newImportInfoOnTheCocoDevImages() throws Exception {
        Path demo = tmp.resolve("demo");
        assertEquals(0, run("new", demo.toString()).code());
        Run imported = run("import-images", demo.toString(), "--dataset", "dev", SharedData.cocoDev().toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("Imported 306 images into dataset 'dev'"), imported.out());

        Run info = run("info", demo.toString(), "--json");
        assertEquals(0, info.code());
        JsonNode json = new ObjectMapper().readTree(info.out());
        assertEquals(demo.toAbsolutePath().normalize(), dev.loupe.project.Workspace.fromEnvironment().startProject(),
                "the GUI starts on the project the CLI just filled");
        assertEquals(306, json.get("images").asLong());
        assertEquals(0, json.get("boxes").asLong());
        assertEquals("dev", json.get("datasets").get(0).get("name").asText());
        assertEquals(306, json.get("datasets").get(0).get("images").asLong());
    }

    @Test
    void importReportsSkippedFilesAndStillExitsZero() throws Exception {
        Path demo = tmp.resolve("demo");
        run("new", demo.toString());
        Path bad = java.nio.file.Files.writeString(tmp.resolve("bad.jpg"), "text");
        Run r = run("import-images", demo.toString(), "--dataset", "d", "--json",
                SharedData.photos().resolve("dog.jpg").toString(), bad.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("imported").asInt());
        assertEquals(bad.toString(), json.get("skipped").get(0).get("item").asText());
    }

    @Test
    void errorsGiveAOneLineReasonAndANonZeroCode() {
        Run notProject = run("info", tmp.resolve("nothing").toString());
        assertEquals(1, notProject.code());
        assertTrue(notProject.err().contains("is not a Loupe project"), notProject.err());
        assertEquals(1, notProject.err().strip().lines().count());

        Run twice = run("new", tmp.toString());
        assertEquals(0, twice.code());
        Run again = run("new", tmp.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already a Loupe project"), again.err());

        Run missingPath = run("import-images", tmp.toString(), "--dataset", "d", tmp.resolve("nope").toString());
        assertEquals(1, missingPath.code());
        assertTrue(missingPath.err().contains("no such file or folder"), missingPath.err());

        Run usage = run("import-images", tmp.toString());
        assertEquals(2, usage.code(), "missing --dataset is a usage error");
        assertTrue(run("import-images", "--help").out().contains("--dataset"));
    }

    @Test
    void reviewStagesAreCreatedAndListedFromTheCommandLine() throws Exception {
        Path demo = tmp.resolve("demo");
        run("new", demo.toString());
        run("import-images", demo.toString(), "--dataset", "d", SharedData.photos().toString());
        Path csv = java.nio.file.Files.writeString(tmp.resolve("b.csv"), "bus.jpg,1,2,30,40,person\n"
                + "dog.jpg,1,2,30,40,dog\nhorses.jpg,1,2,30,40,horse\nkite.jpg,1,2,30,40,person\n");
        assertEquals(0, run("import-annotations", demo.toString(), "--dataset", "d", "--format", "csv", "--task", "gt",
                csv.toString()).code());
        Run created = run("review-stage", demo.toString(), "--task", "gt", "--percent", "50", "--seed", "3");
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().contains("2 images sampled"), created.out());
        Run persons = run("review-stage", demo.toString(), "--task", "gt", "--percent", "100", "--label", "person",
                "--name", "people");
        assertTrue(persons.out().contains("'people'") && persons.out().contains("2 images sampled"), persons.out());
        Run listed = run("review-stage", demo.toString(), "--task", "gt", "--list");
        assertTrue(listed.out().contains("stage 1") && listed.out().contains("people")
                && listed.out().contains("2 to review"), listed.out());
        assertEquals(1, run("review-stage", demo.toString(), "--task", "nope").code());
    }

    @Test
    void clusterPrintsTheReportAsJsonAndAugmentBalancesTheClusters() throws Exception {
        Path demo = tmp.resolve("demo");
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        run("new", demo.toString());
        run("import-images", demo.toString(), "--dataset", "d", tiny.resolve("images").toString());
        assertEquals(0, run("import-annotations", demo.toString(), "--dataset", "d", "--format", "coco", "--task", "gt",
                tiny.resolve("instances.json").toString()).code());
        Run clustered = run("cluster", demo.toString(), "--dataset", "d", "--label", "person", "--task", "gt", "--json");
        assertEquals(0, clustered.code(), clustered.err());
        JsonNode report = new ObjectMapper().readTree(clustered.out());
        assertEquals(4, report.get("clusters").size());
        int objects = 0;
        int largest = 0;
        for (JsonNode c : report.get("clusters")) {
            objects += c.get("objects").asInt();
            largest = Math.max(largest, c.get("images").asInt());
        }
        assertEquals(report.get("boxes").asInt(), objects);

        Run augmented = run("augment", demo.toString(), "--dataset", "d", "--per-cluster", Integer.toString(largest + 3));
        assertEquals(0, augmented.code(), augmented.err());
        assertTrue(augmented.out().contains("Made "), augmented.out());
        JsonNode info = new ObjectMapper().readTree(run("info", demo.toString(), "--json").out());
        int expected = 0;
        for (JsonNode c : report.get("clusters")) {
            expected += largest + 3 - c.get("images").asInt();
        }
        assertEquals(expected, info.get("augmented").asInt());
        assertEquals(50 + expected, info.get("images").asInt());
        Run again = run("augment", demo.toString(), "--dataset", "d", "--per-cluster", Integer.toString(largest + 3),
                "--dry-run");
        assertEquals(4, again.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s+0\\s+\\d+")).count(),
                "planning again finds nothing to add: " + again.out());

        // every copy is found as a near-duplicate of its source (unrelated pictures: DuplicatesCocoDevTest)
        Run dups = run("duplicates", demo.toString(), "--dataset", "d", "--json");
        assertEquals(0, dups.code(), dups.err());
        Set<String> pairs = new HashSet<>();
        for (JsonNode n : new ObjectMapper().readTree(dups.out()).get("pairs")) {
            pairs.add(n.get("a").asText() + "~" + n.get("b").asText());
            assertEquals("none", n.get("sides").get(0).asText(), "not split yet");
        }
        try (dev.loupe.project.Project p = dev.loupe.project.Project.open(demo)) {
            Map<Long, String> names = new HashMap<>();
            p.store().images(p.store().imageIds(dev.loupe.core.ImageFilter.all(1)))
                    .forEach(im -> names.put(im.id(), im.relativePath()));
            for (var a : p.store().augmentedImages(1)) {
                assertTrue(pairs.contains(names.get(a.sourceImageId()) + "~" + names.get(a.imageId())),
                        "copy " + names.get(a.imageId()) + " of " + names.get(a.sourceImageId()) + " in " + pairs);
            }
        }

        Run split = run("split", demo.toString(), "--dataset", "d", "--test", "0.3", "--seed", "5");
        assertEquals(0, split.code(), split.err());
        assertTrue(split.out().contains("stratified by cluster"), split.out());
        try (dev.loupe.project.Project p = dev.loupe.project.Project.open(demo)) {
            var sides = p.store().split(1);
            assertEquals(50 + expected, sides.size());
            p.store().augmentedImages(1).forEach(a -> assertEquals(sides.get(a.sourceImageId()), sides.get(a.imageId()),
                    "copy " + a.imageId() + " is on the side of its source"));
            assertTrue(sides.containsValue(dev.loupe.core.Split.TEST) && sides.containsValue(dev.loupe.core.Split.TRAIN));
        }

        Path out = tmp.resolve("retrained");
        Path spec = java.nio.file.Files.writeString(tmp.resolve("spec.txt"),
                dev.loupe.train.spec.TrainingSpec.of(dev.loupe.train.TrainSettings.reference(), null).text());
        Run trained = run("train", demo.toString(), "--dataset", "d", "--task", "gt", "--classes", "person",
                "--models-dir", SharedData.root().resolve("models").toString(), "--spec", spec.toString(), "--epochs", "1",
                "--batch", "16", "--lr", "1e-5", "--out", out.toString(), "--name", "tiny");
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.out().contains("epoch   1") && trained.out().contains("Trained on"), trained.out());
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("tiny.onnx")) && java.nio.file.Files.isRegularFile(
                out.resolve("tiny.json")), "the retrained model and its descriptor");

        // the same run for TAO: each side of the split in KITTI, and the spec (its fields kept) pointing at them
        java.nio.file.Files.writeString(spec, "yolov4_config { big_anchor_shape: \"[(114.94, 60.67)]\" }\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path tao = tmp.resolve("tao");
        Run bundled = run("tao-bundle", demo.toString(), "--dataset", "d", "--task", "gt", "--classes", "person",
                "--spec", spec.toString(), "--epochs", "12", "--out", tao.toString());
        assertEquals(0, bundled.code(), bundled.err());
        try (dev.loupe.project.Project p = dev.loupe.project.Project.open(demo);
             var labels = java.nio.file.Files.list(tao.resolve("test/labels"))) {
            long test = p.store().split(1).values().stream().filter(v -> v == dev.loupe.core.Split.TEST).count();
            assertEquals(test, labels.count(), "one KITTI label file per test image");
        }
        var written = dev.loupe.train.spec.TrainingSpec.read(tao.resolve("spec.txt"));
        assertEquals(12, written.settings().epochs());
        assertTrue(written.unusedFields().contains("yolov4_config.big_anchor_shape"), written.text());
        assertTrue(written.text().contains("image_directory_path: \"" + tao.resolve("train/images").toAbsolutePath()
                + "\"") && written.text().contains("key: \"person\""), written.text());
        try (var lines = java.nio.file.Files.lines(tao.resolve("train/labels")
                .resolve(java.nio.file.Files.list(tao.resolve("train/labels")).findFirst().orElseThrow().getFileName()))) {
            assertTrue(lines.allMatch(l -> l.startsWith("person ") || l.startsWith("DontCare ")), "only the trained class");
        }
    }

    @Test
    void evaluateCountsEveryImageByDefaultAsPycocotoolsAndTheReferenceConventionOnRequest() throws Exception {
        Path demo = tmp.resolve("eval");
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertEquals(0, run("new", demo.toString()).code());
        assertEquals(0, run("import-images", demo.toString(), "--dataset", "dev", tiny.resolve("images").toString()).code());
        Run gt = run("import-annotations", demo.toString(), "--dataset", "dev", "--format", "coco", "--task", "coco",
                tiny.resolve("instances.json").toString());
        assertEquals(0, gt.code(), gt.err());

        // predictions: every person exactly, below one confident box on an image without people
        JsonNode coco = new ObjectMapper().readTree(tiny.resolve("instances.json").toFile());
        java.util.Map<Long, String> files = new java.util.HashMap<>();
        coco.get("images").forEach(im -> files.put(im.get("id").asLong(), im.get("file_name").asText()));
        long person = 0;
        for (JsonNode c : coco.get("categories")) {
            person = c.get("name").asText().equals("person") ? c.get("id").asLong() : person;
        }
        StringBuilder csv = new StringBuilder();
        java.util.Set<Long> withPeople = new java.util.HashSet<>();
        for (JsonNode a : coco.get("annotations")) {
            if (a.get("category_id").asLong() == person) {
                withPeople.add(a.get("image_id").asLong());
                if (a.path("iscrowd").asInt() == 0) {
                    JsonNode b = a.get("bbox");
                    double x = b.get(0).asDouble();
                    double y = b.get(1).asDouble();
                    csv.append(String.format(java.util.Locale.ROOT, "%s,%f,%f,%f,%f,person,0.9%n",
                            files.get(a.get("image_id").asLong()), x, y, x + b.get(2).asDouble(), y + b.get(3).asDouble()));
                }
            }
        }
        String empty = files.entrySet().stream().filter(e -> !withPeople.contains(e.getKey())).findFirst()
                .orElseThrow().getValue();
        csv.append(empty).append(",10,10,90,90,person,1.0\n");
        Path preds = tmp.resolve("preds.csv");
        java.nio.file.Files.writeString(preds, csv);

        Run every = run("evaluate", demo.toString(), "--dataset", "dev", "--gt", "coco", "--pred", "csv:" + preds,
                "--classes", "person", "--json");
        assertEquals(0, every.code(), every.err());
        JsonNode byDefault = new ObjectMapper().readTree(every.out());
        assertEquals("EVERY_IMAGE", byDefault.get("imageScope").asText());
        JsonNode r = byDefault.get("results").get("csv:" + preds);
        assertEquals(50, r.get("images").asInt());
        assertEquals("ANNOTATED", r.get("sizeAreas").asText(), "COCO's own 'area' sizes the objects");
        double withStray = r.get("ap50").asDouble();
        assertTrue(withStray < 0.995, "the stray box on an image without people is a false positive: " + withStray);

        Run reference = run("evaluate", demo.toString(), "--dataset", "dev", "--gt", "coco", "--pred", "csv:" + preds,
                "--classes", "person", "--only-images-with-gt", "--json");
        assertEquals(0, reference.code(), reference.err());
        JsonNode onlyGt = new ObjectMapper().readTree(reference.out());
        assertEquals("ONLY_IMAGES_WITH_GT", onlyGt.get("imageScope").asText());
        assertEquals(1.0, onlyGt.get("results").get("csv:" + preds).get("ap50").asDouble(), 1e-9);

        Run text = run("evaluate", demo.toString(), "--dataset", "dev", "--gt", "coco", "--pred", "csv:" + preds,
                "--classes", "person");
        assertTrue(text.out().contains("on 50 images (every image, as pycocotools counts)"), text.out());
        assertTrue(text.out().contains("annotated object area (COCO 'area')"), text.out());
    }
}
