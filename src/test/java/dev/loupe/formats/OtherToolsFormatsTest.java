package dev.loupe.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Box;
import dev.loupe.core.BoxFlags;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.Split;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportReport;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Annotation files shaped as other tools write them (CVAT, Datumaro, labelImg, Ultralytics, Darknet, KITTI's
 * devkit, VoTT, keras-retinanet, keras-yolo3, COCO's own downloads), each written here by hand, read into a
 * project of small images laid out as those tools lay them out.
 */
class OtherToolsFormatsTest {
    @TempDir
    Path tmp;
    Project project;
    int seed;

    @BeforeEach
    void open() {
        project = Project.create(tmp.resolve("proj"));
    }

    @AfterEach
    void close() {
        project.close();
    }

    /** Distinct 64 x 48 images at these paths under {@code root}, imported as dataset "d". */
    private ImportReport images(Path root, String... paths) throws Exception {
        for (String p : paths) {
            TestImages.writePng(TestImages.distinct(seed++, 64, 48), root.resolve(p));
        }
        return new ImportImagesJob(project.store(), "d", ImportSources.fromArguments(List.of(root.toString())),
                new UrlFetcher(project.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
    }

    private static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private AnnotationImportReport read(String format, ReadOptions options, Path... inputs) throws Exception {
        return new ImportAnnotationsJob(project.store(), new AnnotationImportRequest("d", AnnotationFormats.byName(format),
                List.of(inputs), options, "t", "", true, false, UnknownLabels.ADD, "me")).run(JobContext.silent());
    }

    private AnnotationImportReport read(String format, Path... inputs) throws Exception {
        return read(format, ReadOptions.defaults(), inputs);
    }

    /** The task's boxes by the image's path relative to the dataset root, as "label x y w h [flags]". */
    private Map<String, List<String>> boxes() {
        Map<Long, String> labels = new HashMap<>();
        for (Label l : project.store().labels()) {
            labels.put(l.id(), l.name());
        }
        Dataset d = project.store().requireDataset("d");
        Map<String, List<String>> out = new HashMap<>();
        for (ImageItem im : project.store().images(project.store().imageIds(ImageFilter.all(d.id())))) {
            for (Box b : project.store().boxes(im.id())) {
                out.computeIfAbsent(im.relativePath(), k -> new ArrayList<>()).add(String.format(java.util.Locale.ROOT,
                        "%s %.0f %.0f %.0f %.0f%s", labels.get(b.labelId()), b.x(), b.y(), b.w(), b.h(),
                        b.flags() == 0 ? "" : " flags=" + b.flags()));
            }
        }
        return out;
    }

    private Map<String, Split> split() {
        Dataset d = project.store().requireDataset("d");
        Map<String, Split> out = new HashMap<>();
        Map<Long, Split> sides = project.store().split(d.id());
        for (ImageItem im : project.store().images(project.store().imageIds(ImageFilter.all(d.id())))) {
            if (sides.containsKey(im.id())) {
                out.put(im.relativePath(), sides.get(im.id()));
            }
        }
        return out;
    }

    // 1, 2: CVAT's VOC export (attributes with their own <name>), labelImg's part of a person, and the flags
    private static final String CVAT_VOC = """
            <annotation>
              <folder></folder>
              <filename>street.png</filename>
              <size><width>64</width><height>48</height><depth>3</depth></size>
              <object>
                <name>person</name>
                <pose>Unspecified</pose>
                <truncated>1</truncated>
                <difficult>0</difficult>
                <bndbox><xmin>2</xmin><ymin>3</ymin><xmax>30</xmax><ymax>40</ymax></bndbox>
                <part>
                  <name>head</name>
                  <bndbox><xmin>10</xmin><ymin>3</ymin><xmax>20</xmax><ymax>12</ymax></bndbox>
                </part>
                <attributes>
                  <attribute><name>color</name><value>red</value></attribute>
                </attributes>
              </object>
              <object>
                <name>car</name>
                <difficult>1</difficult>
                <truncated>0</truncated>
                <bndbox><xmin>35</xmin><ymin>20</ymin><xmax>60</xmax><ymax>44</ymax></bndbox>
              </object>
            </annotation>
            """;

    @Test
    void vocObjectsKeepTheirOwnNameAndFlagsAndPartsComeOnlyWhenAsked() throws Exception {
        images(tmp.resolve("data"), "street.png");
        Path xml = write(tmp.resolve("voc/street.xml"), CVAT_VOC);
        read("voc", xml);
        assertEquals(List.of("person 2 3 28 37 flags=" + BoxFlags.TRUNCATED, "car 35 20 25 24 flags=" + BoxFlags.DIFFICULT),
                boxes().get("street.png"));
        read("voc", ReadOptions.defaults().withVocParts(true), xml);
        assertEquals(List.of("person 2 3 28 37 flags=2", "head 10 3 10 9", "car 35 20 25 24 flags=1"),
                boxes().get("street.png"));
    }

    // 2, 3: the VOCdevkit layout written from the split, with flags, crowd as difficult and the real depth, read back
    @Test
    void vocExportWritesTheDevkitLayoutAndReadingItBringsTheSplitAndFlagsBack() throws Exception {
        Path data = tmp.resolve("data");
        images(data, "a.png", "b.png", "c.png");
        java.awt.image.BufferedImage gray = new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(5, 5, 0, 200);
        javax.imageio.ImageIO.write(gray, "png", data.resolve("gray.png").toFile());
        images(data);
        read("voc", write(tmp.resolve("voc/a.xml"), CVAT_VOC.replace("street.png", "a.png")));
        Dataset d = project.store().requireDataset("d");
        Map<Long, Split> sides = new HashMap<>();
        for (ImageItem im : project.store().images(project.store().imageIds(ImageFilter.all(d.id())))) {
            sides.put(im.id(), switch (im.relativePath()) {
                case "a.png" -> Split.TRAIN;
                case "b.png" -> Split.VALIDATION;
                default -> Split.TEST;
            });
        }
        project.store().saveSplit(d.id(), sides);
        Path out = tmp.resolve("devkit");
        new ExportAnnotationsJob(project.store(), new ExportRequest("d", AnnotationFormats.byName("voc"), out, "t", null,
                null, null, null, WriteOptions.ImageFiles.COPY)).run(JobContext.silent());
        assertEquals(List.of("a"), Files.readAllLines(out.resolve("ImageSets/Main/train.txt")));
        assertEquals(List.of("b"), Files.readAllLines(out.resolve("ImageSets/Main/val.txt")));
        assertEquals(List.of("c", "gray"), Files.readAllLines(out.resolve("ImageSets/Main/test.txt")).stream().sorted().toList());
        assertEquals(List.of("a", "b"), Files.readAllLines(out.resolve("ImageSets/Main/trainval.txt")));
        String a = Files.readString(out.resolve("Annotations/a.xml"));
        assertTrue(a.contains("<truncated>1</truncated><difficult>0</difficult>"), a);
        assertTrue(a.contains("<truncated>0</truncated><difficult>1</difficult>"), a);
        assertTrue(a.contains("<depth>3</depth>"), a);
        assertTrue(Files.readString(out.resolve("Annotations/gray.xml")).contains("<depth>1</depth>"));
        assertTrue(Files.isRegularFile(out.resolve("JPEGImages/a.png")));

        project.store().saveSplit(d.id(), Map.of());
        AnnotationImportReport back = read("voc", out);
        assertEquals(Map.of(Split.TRAIN, 1, Split.VALIDATION, 1, Split.TEST, 2), back.split());
        assertEquals(Map.of("a.png", Split.TRAIN, "b.png", Split.VALIDATION, "c.png", Split.TEST, "gray.png", Split.TEST),
                split());
        assertEquals(List.of("person 2 3 28 37 flags=2", "car 35 20 25 24 flags=1"), boxes().get("a.png"));
    }

    // 12: mmdetection's test data names an image in <filename> that is not there; the XML's own name is
    @Test
    void aVocFileWhoseFilenameNamesNoImageFallsBackToItsOwnName() throws Exception {
        images(tmp.resolve("data"), "000001.png");
        AnnotationImportReport r = read("voc", write(tmp.resolve("voc/000001.xml"),
                CVAT_VOC.replace("street.png", "renamed_long_ago.jpg")));
        assertEquals(2, r.stored());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("renamed_long_ago.jpg") && w.contains("000001")),
                r.warnings().toString());
    }

    // 4: Ultralytics' layout with the same file names in train and val, names as a YAML block list
    @Test
    void ultralyticsLayoutMatchesEachLabelToItsSplitsImageAndImportsTheSplit() throws Exception {
        Path root = tmp.resolve("yolo");
        images(root, "images/train/x.png", "images/val/x.png", "images/train/y.png");
        write(root.resolve("data.yaml"), "path: .\ntrain: images/train\nval: images/val\nnames:\n  - person\n  - car\n");
        write(root.resolve("README.dataset.txt"), "Exported from a labelling tool.\nThis is not a label file.\n");
        write(root.resolve("labels/train/x.txt"), "0 0.5 0.5 0.5 0.5\n");
        write(root.resolve("labels/val/x.txt"), "1 0.25 0.25 0.25 0.25\n");
        write(root.resolve("labels/train/y.txt"), "");
        AnnotationImportReport r = read("yolo", root);
        assertEquals(2, r.stored());
        assertEquals(0, r.unmatchedBoxes());
        assertEquals(List.of("person 16 12 32 24"), boxes().get("images/train/x.png"));
        assertEquals(List.of("car 8 6 16 12"), boxes().get("images/val/x.png"));
        assertEquals(Map.of("images/train/x.png", Split.TRAIN, "images/val/x.png", Split.VALIDATION,
                "images/train/y.png", Split.TRAIN), split());
    }

    // 4: Darknet's "strict" layout as CVAT exports it
    @Test
    void darknetLayoutIsReadAtItsRootWithItsNamesAndLists() throws Exception {
        Path root = tmp.resolve("darknet");
        images(root, "obj_train_data/p1.png", "obj_train_data/p2.png");
        write(root.resolve("obj.names"), "person\ncar\n");
        write(root.resolve("obj.data"), "classes = 2\ntrain = data/train.txt\nnames = data/obj.names\nbackup = backup/\n");
        write(root.resolve("train.txt"), "data/obj_train_data/p1.png\n");
        write(root.resolve("valid.txt"), "data/obj_train_data/p2.png\n");
        write(root.resolve("obj_train_data/p1.txt"), "1 0.5 0.5 0.25 0.5\n");
        write(root.resolve("obj_train_data/p2.txt"), "0 0.5 0.5 0.5 0.5\n");
        AnnotationImportReport r = read("yolo", root);
        assertEquals(2, r.stored());
        assertEquals(List.of("car 24 12 16 24"), boxes().get("obj_train_data/p1.png"));
        assertEquals(Map.of("obj_train_data/p1.png", Split.TRAIN, "obj_train_data/p2.png", Split.VALIDATION), split());
    }

    // 5: names as a flow list over several lines, and as an index map
    @Test
    void classNamesComeFromAnyYamlShapeOfNames() throws Exception {
        Path flow = write(tmp.resolve("flow.yaml"), "nc: 3\nnames: ['person',\n  'traffic light', \"car\"]\n");
        assertEquals(List.of("person", "traffic light", "car"), ClassNames.read(flow));
        Path map = write(tmp.resolve("map.yaml"), "names: {0: person, 1: 'traffic light', 2: car}\n");
        assertEquals(List.of("person", "traffic light", "car"), ClassNames.read(map));
        Path block = write(tmp.resolve("block.yaml"), "names:\n  0: person\n  2: car\n");
        AnnotationFormatException gap = assertThrows(AnnotationFormatException.class, () -> ClassNames.read(block));
        assertTrue(gap.getMessage().contains("class index 1 is missing"), gap.getMessage());
        Path broken = write(tmp.resolve("broken.yaml"), "names: [a, b\n");
        AnnotationFormatException bad = assertThrows(AnnotationFormatException.class, () -> ClassNames.read(broken));
        assertTrue(bad.getMessage().startsWith(broken + ":"), bad.getMessage());
    }

    // 6: KITTI's devkit layout, the same stems under training/ and testing/
    @Test
    void kittiLabelsMatchTheImageOfTheirOwnSplitFolder() throws Exception {
        Path root = tmp.resolve("kitti");
        images(root, "training/image_2/000000.png", "testing/image_2/000000.png");
        write(root.resolve("training/label_2/000000.txt"),
                "Car 0.00 0 -1.58 10.00 5.00 40.00 30.00 1.6 1.8 4.2 -3.9 1.7 31.0 -1.6\n");
        AnnotationImportReport r = read("kitti", root.resolve("training/label_2"));
        assertEquals(1, r.stored());
        assertEquals(List.of("Car 10 5 30 25"), boxes().get("training/image_2/000000.png"));
        assertFalse(boxes().containsKey("testing/image_2/000000.png"));
    }

    // 7: VoTT's quoted header, keras-retinanet's absolute paths and negative rows; retinanet-csv written and read back
    @Test
    void csvFromVottAndRetinanetIsReadAndRetinanetCsvIsWritten() throws Exception {
        Path data = tmp.resolve("data");
        images(data, "a.png", "b.png");
        Path csv = write(tmp.resolve("vott.csv"), "\"image\",\"xmin\",\"ymin\",\"xmax\",\"ymax\",\"label\"\n"
                + "\"a.png\",1.5,2,20.5,30,\"person\"\n" + data.resolve("b.png").toAbsolutePath() + ",,,,,\n");
        AnnotationImportReport r = read("csv", csv);
        assertEquals(1, r.stored());
        assertEquals(2, r.images(), "the negative row covers b.png");
        Path out = tmp.resolve("retinanet");
        new ExportAnnotationsJob(project.store(), new ExportRequest("d", AnnotationFormats.byName("retinanet-csv"), out,
                "t", null, null, null, null, WriteOptions.ImageFiles.NONE)).run(JobContext.silent());
        List<String> rows = Files.readAllLines(out.resolve("annotations.csv"));
        assertEquals(List.of(data.resolve("a.png").toAbsolutePath() + ",2,2,21,30,person",
                data.resolve("b.png").toAbsolutePath() + ",,,,,"), rows);
        assertEquals(List.of("person,0"), Files.readAllLines(out.resolve("classes.csv")));
        AnnotationImportReport back = read("retinanet-csv", out);
        assertEquals(1, back.stored());
        assertEquals(List.of("person 2 2 19 28"), boxes().get("a.png"));
    }

    // 8: a path with a space, written by keras-yolo3's converter as it is and read back
    @Test
    void yoloKerasPathsWithSpacesRoundTrip() throws Exception {
        Path data = tmp.resolve("data with space");
        images(data, "my photo.png");
        read("csv", write(tmp.resolve("in.csv"), "my photo.png,1,2,20,30,person\n"));
        Path out = tmp.resolve("keras");
        new ExportAnnotationsJob(project.store(), new ExportRequest("d", AnnotationFormats.byName("yolo-keras"), out,
                "t", null, null, null, null, WriteOptions.ImageFiles.NONE)).run(JobContext.silent());
        String line = Files.readAllLines(out.resolve("annotations.txt")).get(0);
        assertEquals(data.resolve("my photo.png").toAbsolutePath() + " 1,2,20,30,0", line);
        read("yolo-keras", out.resolve("annotations.txt"));
        assertEquals(List.of("person 1 2 19 28"), boxes().get("my photo.png"));
    }

    // 9: a byte-identical copy was skipped at import; its annotation reaches the kept image, and says so
    @Test
    void annotationsOfASkippedDuplicateReachTheKeptImage() throws Exception {
        Path data = tmp.resolve("data");
        TestImages.writePng(TestImages.distinct(99, 64, 48), data.resolve("kept.png"));
        Files.createDirectories(data.resolve("later"));
        Files.copy(data.resolve("kept.png"), data.resolve("later/copy.png")); // imported after kept.png: skipped
        ImportReport imported = images(data);
        assertEquals(1, imported.duplicates());
        AnnotationImportReport r = read("csv", write(tmp.resolve("dup.csv"), "later/copy.png,1,2,20,30,person\n"));
        assertEquals(1, r.stored());
        assertEquals(0, r.unmatchedBoxes());
        assertEquals(List.of("person 1 2 19 28"), boxes().get("kept.png"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("later/copy.png") && w.contains("kept.png")),
                r.warnings().toString());
    }

    // 10, 11: COCO's annotations folder as downloaded; the export keeps COCO's ids and writes a segmentation
    @Test
    void aCocoAnnotationsFolderSkipsTheFilesWithoutBoxesAndTheExportKeepsCategoryIds() throws Exception {
        Path data = tmp.resolve("data");
        images(data, "000000000139.png");
        Path folder = tmp.resolve("annotations");
        String image = "\"images\": [{\"id\": 139, \"file_name\": \"000000000139.png\", \"width\": 64, \"height\": 48}]";
        write(folder.resolve("instances_val2017.json"), "{" + image + ", \"annotations\": ["
                + "{\"id\": 1, \"image_id\": 139, \"category_id\": 62, \"bbox\": [1, 2, 20, 30], \"area\": 410.5, "
                + "\"iscrowd\": 0, \"segmentation\": [[1, 2, 21, 2, 21, 32]]},"
                + "{\"id\": 2, \"image_id\": 139, \"category_id\": 1, \"bbox\": [30, 5, 10, 20], \"area\": 150, \"iscrowd\": 0}],"
                + "\"categories\": [{\"id\": 1, \"name\": \"person\"}, {\"id\": 62, \"name\": \"chair\"}]}");
        write(folder.resolve("captions_val2017.json"), "{" + image + ", \"annotations\": [{\"id\": 9, \"image_id\": 139, "
                + "\"caption\": \"A chair in a room.\"}]}");
        write(folder.resolve("person_keypoints_val2017.json"), "{" + image + ", \"annotations\": [{\"id\": 2, "
                + "\"image_id\": 139, \"category_id\": 1, \"num_keypoints\": 0, \"keypoints\": [], \"bbox\": [30, 5, 10, 20]}],"
                + "\"categories\": [{\"id\": 1, \"name\": \"person\", \"keypoints\": []}]}");
        write(folder.resolve("panoptic_val2017.json"), "{" + image + ", \"annotations\": [{\"image_id\": 139, "
                + "\"file_name\": \"000000000139.png\", \"segments_info\": []}]}");
        AnnotationImportReport r = read("coco", folder);
        assertEquals(2, r.stored(), "the keypoints file's person is not stored a second time");
        for (String skipped : List.of("captions_val2017.json", "person_keypoints_val2017.json", "panoptic_val2017.json")) {
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains(skipped) && w.contains("skipped")), r.warnings().toString());
        }
        Path out = tmp.resolve("coco-out");
        new ExportAnnotationsJob(project.store(), new ExportRequest("d", AnnotationFormats.byName("coco"), out, "t", null,
                null, null, null, WriteOptions.ImageFiles.NONE)).run(JobContext.silent());
        JsonNode json = new ObjectMapper().readTree(out.resolve("annotations.json").toFile());
        Map<String, Integer> ids = new HashMap<>();
        json.get("categories").forEach(c -> ids.put(c.get("name").asText(), c.get("id").asInt()));
        assertEquals(Map.of("person", 1, "chair", 62), ids);
        for (JsonNode a : json.get("annotations")) {
            assertTrue(a.get("segmentation").isArray() && a.get("segmentation").get(0).size() == 8, a.toString());
            if (a.get("category_id").asInt() == 62) {
                assertEquals(410.5, a.get("area").asDouble(), 1e-9);
            }
        }
    }
}
