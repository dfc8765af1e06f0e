package dev.loupe.ui.app;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GalleryUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }
    private static Set<Node> loadedThumbnails(FxRobot robot) {
        return robot.lookup(".tile").match(n -> n.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("loaded"))).queryAll();
    }

    @Test
    void createsAProjectImportsAFolderAndShowsItsThumbnails(FxRobot robot) throws Exception {
        Path project = tmp.resolve("ui-project");
        robot.interact(() -> vm.openProject(project));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.projectProperty().get() != null);
        robot.interact(() -> vm.importPaths(List.of(SharedData.photos())));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> loadedThumbnails(robot).size() == 6);
        Screenshots.save(robot.listTargetWindows().get(0).getScene(), "gallery-after-import");
        assertEquals("photos  (6)", robot.lookup("#datasetList .list-cell").queryAs(javafx.scene.control.ListCell.class)
                .getText());
        assertTrue(robot.lookup(".tile-caption").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("bus.jpg")));
        ImageView any = robot.lookup(".tile ImageView").match(n -> ((ImageView) n).getImage() != null)
                .queryAs(ImageView.class);
        assertTrue(any.getImage().getWidth() > 50, "a real thumbnail, not a placeholder");
        assertTrue(java.nio.file.Files.list(project.resolve("cache/thumbnails")).findAny().isPresent(),
                "thumbnails are cached on disk");

        // keyboard: the selection walks the gallery and the status bar follows it
        robot.clickOn(robot.lookup(".tile").match(Node::isVisible).<Node>query());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.gallery().selectedItemProperty().get() != null);
        int clicked = vm.gallery().selectedIndexProperty().get();
        assertTrue(robot.lookup("#galleryRows").query().isFocused(), "clicking a tile focuses the gallery");
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.gallery().selectedIndexProperty().get() == clicked + 1
                && vm.gallery().selectedItemProperty().get() != null
                && robot.lookup("#details .section-title").queryAs(Label.class).getText()
                .equals(vm.gallery().selectedItemProperty().get().fileName()));
    }

    @Test
    void filtersNarrowTheGalleryToImagesWithMatchingBoxes(FxRobot robot) throws Exception {
        openAndImport(robot, "filter-project", photos(), 6);

        var store = vm.projectProperty().get().store();
        long ds = store.findDataset("photos").orElseThrow().id();
        long[] ids = store.imageIds(ImageFilter.all(ds));
        long task = store.task("review", "").id();
        long person = store.label("person").id();
        store.addBoxes(List.of(
                new NewBox(ids[0], task, person, 1, 1, 10, 10, Source.MODEL, 0.9, ReviewStatus.ACCEPTED, ""),
                new NewBox(ids[1], task, person, 1, 1, 10, 10, Source.MODEL, 0.4, ReviewStatus.REJECTED, ""),
                new NewBox(ids[2], task, person, 1, 1, 10, 10, Source.HUMAN, Double.NaN, ReviewStatus.ACCEPTED, "")));

        @SuppressWarnings("unchecked")
        ComboBox<ReviewStatus> status = robot.lookup("#statusFilter").queryAs(ComboBox.class);
        robot.interact(() -> status.setValue(ReviewStatus.ACCEPTED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == 2);
        robot.interact(() -> vm.sourceFilterProperty().set(Source.MODEL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == 1);
        robot.interact(vm::clearFilters);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == 6);
    }
}
