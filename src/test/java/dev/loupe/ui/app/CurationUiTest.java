package dev.loupe.ui.app;

import dev.loupe.core.ImageItem;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gallery's curation lists from the Annotations menu: near-duplicates side by side, likely mistakes first, the
 * images to label next.
 */
class CurationUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAMirroredCopyBesideItsSourceAndAWrongBoxAmongTheLikelyMistakes(FxRobot robot) throws Exception {
        Path pictures = Files.createDirectories(tmp.resolve("pictures"));
        try (Stream<Path> s = Files.list(photos())) {
            for (Path f : s.filter(f -> f.toString().matches(".*\\.(jpg|png)")).toList()) {
                Files.copy(f, pictures.resolve(f.getFileName()));
            }
        }
        BufferedImage bus = ImageIO.read(photos().resolve("bus.jpg").toFile());
        BufferedImage mirror = new BufferedImage(bus.getWidth(), bus.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        var g = mirror.createGraphics();
        g.drawImage(bus, bus.getWidth(), 0, -bus.getWidth(), bus.getHeight(), null);
        g.dispose();
        ImageIO.write(mirror, "jpg", pictures.resolve("bus-mirrored.jpg").toFile());
        openAndImport(robot, "c", pictures, 7);

        robot.clickOn("#annotationsMenu").clickOn("Find near-duplicate images");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.statusProperty().get().startsWith("1 near-duplicate"));
        assertEquals(List.of("bus-mirrored.jpg", "bus.jpg"), shown().stream().sorted().toList(), vm.statusProperty().get());
        Screenshots.save(robot.listTargetWindows().get(0).getScene(), "near-duplicates-gallery");

        // a dog drawn over the bus and a person in the horses' empty sky
        Path csv = Files.writeString(tmp.resolve("boxes.csv"), "image,xmin,ymin,xmax,ymax,label\n"
                + "bus.jpg,22,231,805,756,dog\nhorses.jpg,20,10,120,60,person\n");
        String dataset = vm.selectedDatasetProperty().get().dataset().name();
        robot.interact(() -> vm.importAnnotations(new AnnotationImportRequest(dataset, AnnotationFormats.byName("csv"),
                List.of(csv), ReadOptions.defaults(), "gt", "", false, false, UnknownLabels.ADD, "")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Stored 2 boxes"));

        robot.clickOn("#annotationsMenu").clickOn("Find likely mistakes…");
        Window dialog = robot.window("Find likely mistakes");
        TextField dir = robot.from(dialog.getScene().getRoot()).lookup("#curationModelsDir .text-field").queryAs(TextField.class);
        robot.interact(() -> dir.setText(SharedData.root().resolve("models").toString()));
        Screenshots.save(dialog.getScene(), "suspects-dialog");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.statusProperty().get().contains("likely mistakes in gt"));
        String status = vm.statusProperty().get();
        assertTrue(status.contains("wrong label") && status.contains("false box"), status);
        List<String> listed = shown();
        assertTrue(listed.contains("bus.jpg") && listed.contains("horses.jpg"), listed + " · " + status);
        Screenshots.save(robot.listTargetWindows().get(0).getScene(), "suspects-gallery");

        // the review walks the list: the dog over the bus is shown beside the model's bus, M relabels it
        int busAt = listed.indexOf("bus.jpg");
        robot.interact(() -> vm.gallery().open(busAt));
        String title = "Review — " + dataset;
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage st && st.isShowing() && title.equals(st.getTitle())));
        Window review = robot.window(title);
        Label said = robot.from(review.getScene().getRoot()).lookup("#reviewStatus").queryAs(Label.class);
        var store = vm.projectProperty().get().store();
        long busImage = vm.gallery().idsProperty().get()[busAt];
        long busLabel = store.label("bus").id();
        boolean relabelled = false;
        for (int i = 0; i < 40 && !relabelled; i++) { // the bus image's likeliest mistakes first, the dog among them
            Thread.sleep(300); // the image loads in the background
            WaitForAsyncUtils.waitForFxEvents();
            if (i == 0) {
                Screenshots.save(review.getScene(), "suspect-in-review");
            }
            robot.clickOn("#reviewCanvas").type(KeyCode.M);
            WaitForAsyncUtils.waitForFxEvents();
            relabelled = store.boxes(busImage).stream().anyMatch(b -> b.labelId() == busLabel && b.x() == 22);
            assertTrue(!said.getText().startsWith("No likely mistake"), said.getText() + " " + store.boxes(busImage));
        }
        assertTrue(relabelled, "the dog box became a bus: " + said.getText());
        robot.interact(() -> ((Stage) review).close());

        // what to label next: the two images labelled in gt are left out, the other five ranked
        robot.clickOn("#annotationsMenu").clickOn("Images to label next…");
        Window next = robot.window("Images to label next");
        TextField nextDir = robot.from(next.getScene().getRoot()).lookup("#curationModelsDir .text-field")
                .queryAs(TextField.class);
        ComboBox<String> task = robot.from(next.getScene().getRoot()).lookup("#curationTask").queryAs(ComboBox.class);
        robot.interact(() -> {
            nextDir.setText(SharedData.root().resolve("models").toString());
            task.setValue("gt");
        });
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.statusProperty().get().startsWith("5 images to label in gt"));
        List<String> ranked = shown();
        assertEquals(5, ranked.size(), ranked.toString());
        assertTrue(!ranked.contains("bus.jpg") && !ranked.contains("horses.jpg"), ranked.toString());
        Screenshots.save(robot.listTargetWindows().get(0).getScene(), "label-next-gallery");
    }

    private List<String> shown() {
        long[] ids = vm.gallery().idsProperty().get();
        List<ImageItem> items = vm.projectProperty().get().store().images(ids);
        return items.stream().map(ImageItem::relativePath).toList();
    }
}
