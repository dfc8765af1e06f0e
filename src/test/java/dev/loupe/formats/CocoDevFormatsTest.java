package dev.loupe.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real COCO files of coco-dev: counts, agreement with the YOLO labels, and a round trip through every format. */
class CocoDevFormatsTest {
    @TempDir
    static Path tmp;
    static Project project;
    static Map<Long, List<Box>> coco;

    @BeforeAll
    static void importCoco() throws Exception {
        project = CocoDevProject.create(tmp.resolve("proj"));
        AnnotationImportReport r = CocoDevProject.importTask(project.store(), new CocoFormat(),
                CocoDevProject.cocoFiles(), "coco", ReadOptions.defaults());
        assertEquals(2309, r.stored());
        coco = CocoDevProject.boxesOf(project.store(), "coco");
    }

    @AfterAll
    static void close() {
        project.close();
    }

    @Test
    void storesEveryAnnotationWithItsClassAndCrowdFlagAsAnIndependentReadOfTheJsonCounts() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        int crowd = 0;
        for (Path f : CocoDevProject.cocoFiles()) {
            JsonNode root = new ObjectMapper().readTree(f.toFile());
            Map<Integer, String> cats = new HashMap<>();
            root.get("categories").forEach(c -> cats.put(c.get("id").asInt(), c.get("name").asText()));
            for (JsonNode a : root.get("annotations")) {
                expected.merge(cats.get(a.get("category_id").asInt()), 1, Integer::sum);
                crowd += a.get("iscrowd").asInt();
            }
        }
        Map<String, Integer> stored = new TreeMap<>();
        Map<Long, String> names = new HashMap<>();
        project.store().labels().forEach(l -> names.put(l.id(), l.name()));
        int storedCrowd = 0;
        for (List<Box> boxes : coco.values()) {
            for (Box b : boxes) {
                stored.merge(names.get(b.labelId()), 1, Integer::sum);
                storedCrowd += b.crowd() ? 1 : 0;
            }
        }
        assertEquals(expected, stored);
        assertEquals(crowd, storedCrowd);
        assertEquals(620, stored.get("person"));
    }

    @Test
    void coco128YoloLabelsAgreeWithItsCocoBoxesWithinOnePixel() throws Exception {
        // The labels index COCO's 80 categories in id order; write those names as the dataset's classes.txt.
        JsonNode root = new ObjectMapper().readTree(SharedData.cocoDev().resolve("coco128-train/instances.json").toFile());
        List<String> names = new java.util.ArrayList<>();
        root.get("categories").forEach(c -> names.add(c.get("name").asText()));
        Path classes = java.nio.file.Files.write(tmp.resolve("classes.txt"), names);
        AnnotationImportReport r = CocoDevProject.importTask(project.store(), new YoloFormat(),
                List.of(SharedData.cocoDev().resolve("coco128-train/labels-yolo")), "yolo",
                ReadOptions.withClassFile(classes, null));
        assertEquals(2, r.unmatchedBoxes() > 0 ? r.unmatchedImages().size() : 0,
                "two label files have no image: " + r.unmatchedImages());
        Map<Long, List<Box>> yolo = CocoDevProject.boxesOf(project.store(), "yolo");
        Map<Long, List<Box>> cocoNoCrowd = new HashMap<>();
        for (Long image : yolo.keySet()) {
            cocoNoCrowd.put(image, coco.get(image).stream().filter(b -> !b.crowd()).collect(Collectors.toList()));
        }
        CocoDevProject.assertSameBoxes(project.store(), cocoNoCrowd, yolo, 1.0, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coco", "kitti", "voc", "yolo", "csv", "yolo-keras", "retinanet-csv"})
    void exportThenImportGivesTheSameBoxesWithinTheFormatsPrecision(String name) throws Exception {
        AnnotationFormat format = AnnotationFormats.byName(name);
        Path out = tmp.resolve("export-" + name);
        ExportReport exported = new ExportAnnotationsJob(project.store(), new ExportRequest("dev", format, out, "coco",
                null, null, null, null, WriteOptions.ImageFiles.LINK)).run(JobContext.silent());
        assertEquals(306, exported.images());
        List<Path> input = switch (name) {
            case "coco" -> List.of(out.resolve("annotations.json"));
            case "kitti", "yolo" -> List.of(out.resolve("labels"));
            case "voc" -> List.of(out.resolve("Annotations"));
            case "csv", "retinanet-csv" -> List.of(out.resolve("annotations.csv"));
            default -> List.of(out.resolve("annotations.txt"));
        };
        String task = "back-" + name;
        CocoDevProject.importTask(project.store(), format, input, task, ReadOptions.defaults());
        Map<Long, List<Box>> back = CocoDevProject.boxesOf(project.store(), task);
        Map<Long, List<Box>> expected = new HashMap<>();
        coco.forEach((image, boxes) -> expected.put(image, boxes.stream()
                .filter(b -> format.holdsCrowdRegions() || !b.crowd()).collect(Collectors.toList())));
        double tolerance = switch (name) {
            case "voc", "yolo-keras", "retinanet-csv" -> 0.5 + 1e-9; // integer pixel corners
            default -> 0.01;
        };
        // KITTI keeps crowd regions as DontCare, which carries no class
        CocoDevProject.assertSameBoxes(project.store(), expected, back, tolerance, !name.equals("kitti"));
        assertEquals(format.holdsCrowdRegions() ? 0 : 28, exported.crowdLeftOut());
        long stored = project.store().countBoxes(new BoxQuery(null,
                project.store().tasks().stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow().id(),
                null, null, null, null, null));
        assertEquals(format.holdsCrowdRegions() ? 2309 : 2281, stored);
    }
}
