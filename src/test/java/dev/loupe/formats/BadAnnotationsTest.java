package dev.loupe.formats;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input named in the import's contract: a clear message, and nothing stored. */
class BadAnnotationsTest {
    @TempDir
    Path tmp;
    Project project;

    @BeforeEach
    void twoImages() throws Exception {
        project = Project.create(tmp.resolve("proj"));
        new ImportImagesJob(project.store(), "d", ImportSources.fromArguments(List.of(
                SharedData.photos().resolve("bus.jpg").toString(), SharedData.photos().resolve("dog.jpg").toString())),
                new UrlFetcher(project.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
    }

    @AfterEach
    void close() {
        project.close();
    }

    private AnnotationImportReport run(String format, Path file, UnknownLabels unknown, boolean overwrite,
                                       boolean preAnnotate) throws Exception {
        return new ImportAnnotationsJob(project.store(), new AnnotationImportRequest("d", AnnotationFormats.byName(format),
                List.of(file), ReadOptions.defaults(), "t", "", overwrite, preAnnotate, unknown, "me")).run(JobContext.silent());
    }

    private AnnotationImportReport run(String format, Path file) throws Exception {
        return run(format, file, UnknownLabels.ADD, false, false);
    }

    private Path write(String name, String content) throws Exception {
        Path f = tmp.resolve("in").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private String failure(String format, Path file) {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> run(format, file));
        assertEquals(0, project.store().countBoxes(new BoxQuery(null, null, null, null, null, null, null)),
                "a failed import stores nothing");
        assertTrue(project.store().tasks().isEmpty(), "a failed import creates no task");
        return e.getMessage();
    }

    @Test
    void classNamesWithControlCharactersAreRefusedWithTheirFile() throws Exception {
        String coco = "{\"images\": [{\"id\": 1, \"file_name\": \"bus.jpg\", \"width\": 810, \"height\": 1080}],"
                + " \"categories\": [{\"id\": 1, \"name\": \"per\\nson\"}],"
                + " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 30, 40],"
                + " \"iscrowd\": 0}]}";
        String message = failure("coco", write("instances.json", coco));
        assertTrue(message.contains("instances.json") && message.contains("per\\nson")
                && message.contains("control character"), message);
        String csv = failure("csv", write("tabs.csv", "bus.jpg,1,2,30,40,per\tson\n"));
        assertTrue(csv.contains("tabs.csv:1") && csv.contains("per\\tson"), csv);
    }

    @Test
    void wrongFieldCountsNameTheFileLineAndExpectation() throws Exception {
        String kitti = failure("kitti", write("bus.txt", "person 0 0 0 10 10 50 50 0 0 0 0 0 0 0\ncar 1 2 3\n"));
        assertTrue(kitti.contains("bus.txt:2: 4 fields (expected 15"), kitti);
        String csv = failure("csv", write("a.csv", "bus.jpg,1,2,3\n"));
        assertTrue(csv.contains("a.csv:1: 4 fields (expected 6"), csv);
        Files.writeString(tmp.resolve("in/classes.txt"), "person\n");
        String yolo = failure("yolo", write("bus.txt", "0 0.5 0.5 0.1\n"));
        assertTrue(yolo.contains("bus.txt:1: 4 fields (expected 5"), yolo);
    }

    @Test
    void nonNumericNanAndInfinityAreRejected() throws Exception {
        assertTrue(failure("csv", write("a.csv", "bus.jpg,ten,2,30,40,person\n")).contains("a.csv:1: xmin is 'ten' (expected a number)"));
        assertTrue(failure("csv", write("b.csv", "bus.jpg,1,NaN,30,40,person\n")).contains("ymin is NaN (expected a finite number)"));
        assertTrue(failure("kitti", write("bus.txt", "person 0 0 0 Infinity 10 50 50 0 0 0 0 0 0 0\n"))
                .contains("bbox left (field 5) is Infinity (expected a finite number)"));
        String json = failure("coco", write("c.json", "{\"images\":[{\"id\":1,\"file_name\":\"bus.jpg\"}],"
                + "\"categories\":[{\"id\":1,\"name\":\"person\"}],\n\"annotations\":[{\"id\":1,\"image_id\":1,"
                + "\"category_id\":1,\"bbox\":[1,2,NaN,4]}]}"));
        assertTrue(json.contains("c.json:2:") && json.contains("malformed JSON"), json);
    }

    @Test
    void emptyAndOutsideBoxesAreDroppedOrClippedWithAWarning() throws Exception {
        // bus.jpg is 810 x 1080
        AnnotationImportReport r = run("csv", write("a.csv", String.join("\n",
                "image,xmin,ymin,xmax,ymax,label",
                "bus.jpg,10,10,10,50,person",       // zero width
                "bus.jpg,50,50,20,80,person",       // negative width
                "bus.jpg,900,10,950,50,person",     // entirely right of the image
                "bus.jpg,-20,1000,100,1200,person", // overhangs left and bottom
                "bus.jpg,100,100,200,300,person")));
        assertEquals(2, r.stored());
        assertEquals(3, r.droppedBoxes());
        assertTrue(r.warnings().get(0).contains("a.csv:2: dropped: box of size 0.00 x 40.00"), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("a.csv:4: dropped") && w.contains("outside the 810x1080")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("a.csv:5: clipped to the 810x1080 image")));
        Box clipped = project.store().boxPage(BoxQuery.inDataset(project.store().findDataset("d").orElseThrow().id()), 0, 10)
                .stream().filter(b -> b.x() == 0).findFirst().orElseThrow();
        assertEquals(100, clipped.w(), 1e-9);
        assertEquals(80, clipped.h(), 1e-9);
    }

    @Test
    void unknownClassesAreAddedOrRejectedAsAsked() throws Exception {
        project.store().label("person");
        Path f = write("a.csv", "bus.jpg,1,2,30,40,person\ndog.jpg,1,2,30,40,unicorn\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class,
                () -> run("csv", f, UnknownLabels.REJECT, false, false));
        assertTrue(e.getMessage().contains("a.csv:2: unknown class 'unicorn'"), e.getMessage());
        assertEquals(0, project.store().countBoxes(new BoxQuery(null, null, null, null, null, null, null)));
        assertEquals(2, run("csv", f, UnknownLabels.ADD, false, false).stored());
        assertTrue(project.store().labels().stream().anyMatch(l -> l.name().equals("unicorn")));
    }

    @Test
    void duplicateIdsAreRejected() throws Exception {
        String images = failure("coco", write("c.json", "{\"images\":[{\"id\":1,\"file_name\":\"bus.jpg\"},\n"
                + "{\"id\":1,\"file_name\":\"dog.jpg\"}],\"categories\":[],\"annotations\":[]}"));
        assertTrue(images.contains("c.json:2: duplicate image id 1"), images);
        String anns = failure("coco", write("d.json", "{\"images\":[{\"id\":1,\"file_name\":\"bus.jpg\"}],"
                + "\"categories\":[{\"id\":1,\"name\":\"person\"}],\"annotations\":[\n"
                + "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4]},\n"
                + "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[5,6,7,8]}]}"));
        assertTrue(anns.contains("duplicate annotation id 7 (second one near line 3"), anns);
        String cats = failure("coco", write("e.json", "{\"categories\":[{\"id\":1,\"name\":\"a\"},{\"id\":1,\"name\":\"b\"}]}"));
        assertTrue(cats.contains("duplicate category id 1"), cats);
    }

    @Test
    void pathTraversalAndAbsolutePathsInFileNamesAreRejected() throws Exception {
        assertTrue(failure("csv", write("a.csv", "../../etc/passwd.jpg,1,2,30,40,person\n"))
                .contains("a.csv:1: image '../../etc/passwd.jpg' climbs out of its folder"));
        assertTrue(failure("coco", write("c.json", "{\"images\":[{\"id\":1,\"file_name\":\"/etc/x.jpg\"}]}"))
                .contains("file_name '/etc/x.jpg' is an absolute path"));
        assertTrue(failure("voc", write("v.xml", "<annotation><filename>a/../../b.jpg</filename></annotation>"))
                .contains("climbs out of its folder"));
    }

    @Test
    void malformedXmlAndJsonNameTheLine() throws Exception {
        String xml = failure("voc", write("v.xml", "<annotation>\n<filename>bus.jpg</filename>\n<object><name>p</name>\n"));
        assertTrue(xml.contains("v.xml:") && xml.contains("malformed XML"), xml);
        String json = failure("coco", write("c.json", "{\"images\": [\n{\"id\": 1,, }\n"));
        assertTrue(json.contains("c.json:2:") && json.contains("malformed JSON"), json);
        String box = failure("coco", write("d.json", "{\"images\":[{\"id\":1,\"file_name\":\"bus.jpg\"}],"
                + "\"categories\":[{\"id\":1,\"name\":\"p\"}],\"annotations\":[{\"id\":1,\"image_id\":1,"
                + "\"category_id\":1,\"bbox\":[1,2,3]}]}"));
        assertTrue(box.contains("bbox has 3 numbers (expected 4"), box);
        String missing = failure("voc", write("w.xml", "<annotation><filename>bus.jpg</filename>\n<object><name>p</name>"
                + "<bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax></bndbox></object></annotation>"));
        assertTrue(missing.contains("w.xml:2: <object> 'p' has no <bndbox><ymax>"), missing);
    }

    @Test
    void vocExternalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
        String xxe = failure("voc", write("x.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY s SYSTEM \""
                + secret.toUri() + "\">]>\n<annotation><filename>bus.jpg</filename><object><name>&s;</name>"
                + "<bndbox><xmin>1</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object></annotation>"));
        assertTrue(!xxe.contains("TOPSECRET") && xxe.contains("x.xml:2"), xxe);
    }

    @Test
    void textInAnotherEncodingIsRejectedWithItsLine() throws Exception {
        Path f = tmp.resolve("latin1.csv");
        Files.write(f, "bus.jpg,1,2,30,40,person\nbus.jpg,1,2,30,40,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String msg = failure("csv", f);
        assertTrue(msg.contains("latin1.csv:2: not valid UTF-8"), msg);
    }

    @Test
    void unknownImagesAndUncoveredImagesAreReported() throws Exception {
        AnnotationImportReport r = run("csv", write("a.csv", "bus.jpg,1,2,30,40,person\nghost.jpg,1,2,30,40,person\n"));
        assertEquals(1, r.stored());
        assertEquals(1, r.unmatchedBoxes());
        assertEquals(List.of("ghost.jpg"), r.unmatchedImages());
        assertEquals(1, r.imagesWithoutAnnotation(), "dog.jpg has none");
    }

    @Test
    void overwriteReplacesTheTasksBoxesAndPreAnnotateStoresPendingPredictions() throws Exception {
        run("csv", write("a.csv", "bus.jpg,1,2,30,40,person,0.9\nbus.jpg,5,5,50,50,person,0.8\n"));
        run("csv", write("a2.csv", "bus.jpg,3,4,30,40,person,0.7\nbus.jpg,6,6,50,50,person,0.6\n"));
        long dsId = project.store().findDataset("d").orElseThrow().id();
        assertEquals(4, project.store().countBoxes(BoxQuery.inDataset(dsId)), "append");
        AnnotationImportReport r = run("csv", write("b.csv", "bus.jpg,7,7,70,70,person,0.42\n"),
                UnknownLabels.ADD, true, true);
        assertEquals(4, r.replaced());
        List<Box> boxes = project.store().boxPage(BoxQuery.inDataset(dsId), 0, 10);
        assertEquals(1, boxes.size());
        assertEquals(Source.MODEL, boxes.get(0).source());
        assertEquals(ReviewStatus.PENDING, boxes.get(0).status());
        assertEquals(0.42, boxes.get(0).score(), 1e-9);
        assertEquals("me", boxes.get(0).author());
    }
}
