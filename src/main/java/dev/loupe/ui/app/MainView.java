package dev.loupe.ui.app;

import dev.loupe.core.ImageItem;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.formats.AnnotationFormatException;
import dev.loupe.ui.common.FormDialog;
import dev.loupe.ui.common.JobsPanel;
import dev.loupe.ui.formats.AnnotationImportForm;
import dev.loupe.ui.formats.ExportForm;
import dev.loupe.ui.formats.PreannotateForm;
import dev.loupe.ui.formats.TaskModelForm;
import dev.loupe.ui.consensus.AgreementView;
import dev.loupe.ui.consensus.ConsensusForm;
import dev.loupe.ui.eval.EvaluationForm;
import dev.loupe.ui.eval.EvaluationView;
import dev.loupe.ui.clusters.ClusterView;
import dev.loupe.ui.train.RetrainView;
import dev.loupe.ui.explore.ExploreView;
import javafx.stage.Stage;
import dev.loupe.ui.review.ReviewView;
import dev.loupe.ui.review.ReviewViewModel;
import dev.loupe.inference.WeightsResolver;
import dev.loupe.ui.gallery.GalleryView;
import dev.loupe.ui.welcome.WelcomeView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** The main window: toolbar with project and filters, datasets and jobs on the left, the gallery, a status bar. */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final GalleryView gallery;

    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("main-view");
        gallery = new GalleryView(vm.gallery());
        gallery.setId("gallery");
        setTop(toolbar());
        setLeft(sidebar());
        setCenter(gallery);
        setRight(new ImageDetailsPane(vm.gallery(), vm.selectedBoxes()));
        setBottom(statusBar());
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+O"), vm::chooseAndOpenProject);
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+I"), vm::chooseAndImportFolder);
            }
        });
        vm.gallery().setOnOpen(this::showReview);
        setOnDragOver(this::onDragOver);
        setOnDragDropped(this::onDragDropped);
    }

    public GalleryView gallery() {
        return gallery;
    }

    /** What the window shows first: the requested project, else the welcome screen on a first run, else the last project. */
    public void showStart(Path requested) {
        if (requested != null) {
            vm.openProject(requested);
        } else if (vm.firstRun()) {
            showWelcome();
        } else {
            vm.openProject(vm.startProject());
        }
    }

    /**
     * Puts the welcome screen in this window until the user picks a way in (a cancelled chooser keeps it);
     * the main view then comes back on the chosen project.
     */
    public void showWelcome() {
        javafx.scene.Scene scene = getScene();
        Runnable back = () -> scene.setRoot(this);
        scene.setRoot(new WelcomeView(new WelcomeView.Actions() {
            @Override
            public void fromFolder() {
                if (vm.chooseAndCreateFromFolder()) {
                    back.run();
                }
            }

            @Override
            public void samples() {
                vm.openSampleProject();
                back.run();
            }

            @Override
            public void openProject() {
                if (vm.chooseAndOpenProject()) {
                    back.run();
                }
            }

            @Override
            public void emptyProject() {
                vm.openProject(vm.defaultProject());
                back.run();
            }
        }, vm.modelsHint()));
    }

    private VBox toolbar() {
        MenuButton projectMenu = new MenuButton();
        projectMenu.setId("projectMenu");
        projectMenu.getStyleClass().add("project-menu");
        projectMenu.textProperty().bind(Bindings.createStringBinding(
                () -> vm.projectProperty().get() == null ? "No project" : vm.projectProperty().get().name(),
                vm.projectProperty()));
        Runnable rebuildMenu = () -> {
            MenuItem open = new MenuItem("Open or create project…  (Ctrl+O)");
            open.setOnAction(e -> vm.chooseAndOpenProject());
            projectMenu.getItems().setAll(open, new SeparatorMenuItem());
            for (Path recent : vm.recentProjects()) {
                MenuItem item = new MenuItem(recent.toString());
                item.setOnAction(e -> vm.openProject(recent));
                projectMenu.getItems().add(item);
            }
            MenuItem about = new MenuItem("About Loupe");
            about.setOnAction(e -> {
                javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.INFORMATION, dev.loupe.core.BuildInfo.summary());
                alert.initOwner(getScene().getWindow());
                alert.setTitle("About Loupe");
                alert.setHeaderText("Loupe: curate object-detection datasets for transfer learning");
                alert.show();
            });
            MenuItem welcome = new MenuItem("Welcome screen");
            welcome.setOnAction(e -> showWelcome());
            projectMenu.getItems().addAll(new SeparatorMenuItem(), welcome, about);
        };
        vm.recentProjects().addListener((ListChangeListener<Path>) c -> rebuildMenu.run());
        rebuildMenu.run();

        Button importButton = new Button("Import images…");
        importButton.setId("importButton");
        importButton.getStyleClass().add("accent");
        importButton.setTooltip(new Tooltip("Add a folder of images to the selected dataset (Ctrl+I), or drop a folder anywhere"));
        importButton.setOnAction(e -> vm.chooseAndImportFolder());
        importButton.disableProperty().bind(vm.projectProperty().isNull());

        MenuButton annotations = new MenuButton("Annotations");
        annotations.setId("annotationsMenu");
        MenuItem importAnnotations = new MenuItem("Import annotations…");
        importAnnotations.setOnAction(e -> showImportAnnotations());
        MenuItem export = new MenuItem("Export…");
        export.setOnAction(e -> showExport());
        MenuItem preannotate = new MenuItem("Pre-annotate with a model…");
        preannotate.setOnAction(e -> showPreannotate());
        MenuItem evaluate = new MenuItem("Evaluate…");
        evaluate.setOnAction(e -> showEvaluate());
        MenuItem consensus = new MenuItem("Consensus of annotators…");
        consensus.setOnAction(e -> showConsensus());
        MenuItem metadata = new MenuItem("Add metadata layer (CSV or JSON)…");
        metadata.setOnAction(e -> vm.importMetadata());
        MenuItem suspects = new MenuItem("Find likely mistakes…");
        suspects.setOnAction(e -> showSuspects());
        MenuItem labelNext = new MenuItem("Images to label next…");
        labelNext.setOnAction(e -> showLabelNext());
        MenuItem duplicates = new MenuItem("Find near-duplicate images");
        duplicates.setOnAction(e -> vm.curation().findNearDuplicates());
        // on a team project only admins run the project; the server refuses anyone else, the window does not offer it
        for (MenuItem adminOnly : List.of(importAnnotations, preannotate, evaluate, consensus, metadata, suspects,
                labelNext, duplicates)) {
            adminOnly.visibleProperty().bind(vm.administersProperty());
        }
        annotations.getItems().setAll(preannotate, evaluate, consensus, new SeparatorMenuItem(), suspects, labelNext, duplicates,
                new SeparatorMenuItem(), importAnnotations, export, new SeparatorMenuItem(), metadata);
        annotations.disableProperty().bind(vm.selectedDatasetProperty().isNull());

        ComboBox<ReviewStatus> status = filter("statusFilter", List.of(ReviewStatus.values()), "Any status");
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        ComboBox<Source> source = filter("sourceFilter", List.of(Source.values()), "Any source");
        source.valueProperty().bindBidirectional(vm.sourceFilterProperty());
        ComboBox<dev.loupe.core.Label> label = new ComboBox<>(vm.labels());
        label.setId("labelFilter");
        label.setPromptText("Any label");
        label.setConverter(new StringConverter<>() {
            @Override
            public String toString(dev.loupe.core.Label l) {
                return l == null ? "Any label" : l.name();
            }

            @Override
            public dev.loupe.core.Label fromString(String s) {
                return null;
            }
        });
        label.valueProperty().bindBidirectional(vm.labelFilterProperty());
        Button explore = new Button("Explore");
        explore.setId("exploreButton");
        explore.setTooltip(new Tooltip("Metrics of the dataset's images and boxes, in plots you can select from"));
        explore.setOnAction(e -> vm.explore(result -> {
            Stage stage = new Stage();
            stage.initOwner(getScene().getWindow());
            stage.setTitle("Explore — " + vm.selectedDatasetProperty().get().dataset().name());
            stage.setScene(LoupeApplication.createScene(new ExploreView(result, vm::showOnly,
                    id -> showReview(new long[]{id}, 0), new HoverThumbnails(vm.gallery().loader(),
                    vm.projectProperty().get().store()), vm::chooseSaveFile)));
            stage.show();
        }));
        explore.disableProperty().bind(vm.selectedDatasetProperty().isNull());
        Button clusters = new Button("Clusters");
        clusters.setId("clustersButton");
        clusters.setTooltip(new Tooltip("Cluster the boxes, see them in 2-D, and rebalance the clusters by augmentation"));
        clusters.setOnAction(e -> vm.clusters(model -> {
            Stage stage = new Stage();
            stage.initOwner(getScene().getWindow());
            stage.setTitle("Clusters — " + vm.selectedDatasetProperty().get().dataset().name());
            stage.setScene(LoupeApplication.createScene(new ClusterView(model, vm::showOnly, new HoverThumbnails(vm.gallery().loader(), vm.projectProperty().get().store()), this::confirm)));
            stage.show();
        }));
        clusters.disableProperty().bind(vm.selectedDatasetProperty().isNull());
        Button retrain = new Button("Retrain");
        retrain.setId("retrainOpen");
        retrain.setTooltip(new Tooltip("Fine-tune the detector on this dataset and compare it with the pretrained one"));
        retrain.setOnAction(e -> {
            Stage stage = new Stage();
            stage.initOwner(getScene().getWindow());
            stage.setTitle("Retrain — " + vm.selectedDatasetProperty().get().dataset().name());
            stage.setScene(LoupeApplication.createScene(new RetrainView(vm.retrain())));
            stage.show();
        });
        retrain.disableProperty().bind(vm.selectedDatasetProperty().isNull());
        Button myWork = new Button("My work");
        myWork.setId("myWorkButton");
        myWork.setTooltip(new Tooltip("Review the images assigned to you that are still open, next first"));
        myWork.setOnAction(e -> vm.myWork(this::showWork));
        myWork.disableProperty().bind(vm.projectProperty().isNull());
        for (Region adminOnly : List.of(importButton, explore, clusters, retrain)) {
            adminOnly.visibleProperty().bind(vm.administersProperty());
            adminOnly.managedProperty().bind(vm.administersProperty());
        }
        Button clear = new Button("Clear filters");
        clear.getStyleClass().add("link-button");
        clear.setOnAction(e -> vm.clearFilters());

        Label brand = new Label("Loupe");
        brand.getStyleClass().add("brand");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.format("%,d images shown", vm.gallery().countProperty()));
        Label where = new Label();
        where.setId("projectWhere");
        where.getStyleClass().add("muted");
        where.textProperty().bind(vm.whereProperty());
        where.setTooltip(new Tooltip("Every desktop of the team reads the images at the paths they were imported from: "
                + "keep them in a shared folder mounted at the same place everywhere"));
        HBox actions = new HBox(10, brand, projectMenu, importButton, annotations, explore, clusters, retrain, myWork,
                spacer, where, count);
        HBox filters = new HBox(10, new Label("Filter:"), status, label, source, clear);
        for (HBox row : List.of(actions, filters)) {
            row.setAlignment(Pos.CENTER_LEFT);
            // controls keep their full captions; a narrow window scrolls the gallery, not the toolbar's words
            row.getChildren().stream().filter(n -> n instanceof Region && n != spacer)
                    .forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        }
        VBox bar = new VBox(6, actions, filters);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private void showImportAnnotations() {
        AnnotationImportForm form = new AnnotationImportForm(vm.selectedDatasetProperty().get().dataset().name());
        if (FormDialog.show(getScene().getWindow(), "Import annotations", form, form.incomplete())) {
            try {
                vm.importAnnotations(form.toRequest(vm.userName()));
            } catch (AnnotationFormatException e) {
                vm.messageProperty().set(e.getMessage());
            }
        }
    }

    private boolean confirm(String text) {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                text);
        alert.initOwner(getScene().getWindow());
        alert.setHeaderText("Make these augmented copies?");
        return alert.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    /**
     * Opens the review window on gallery image {@code index}, walking the images the gallery shows; a clip's tile opens
     * the clip, walking its frames.
     */
    private void showReview(int index) {
        long[] ids = vm.gallery().idsProperty().get();
        var clip = vm.clipAt(ids, index);
        if (clip.isPresent()) {
            openReview(clip.get().frames(), 0, "Review — " + clip.get().name());
        } else {
            showReview(ids, index);
        }
    }

    /** Opens the review window on the person's next open work: its task, its review stage if any, their images. */
    private void showWork(dev.loupe.review.WorkQueues.Batch work) {
        ReviewViewModel review = openReview(work.imageIds(), 0, "My work");
        if (review != null) {
            review.focus(work.taskId(), work.stageId(), work.imageIds());
            vm.messageProperty().set(work.openInAll() + " images open for " + vm.userName());
        }
    }

    /**
     * Opens the review window on image {@code ids[index]}, walking those images; on the gallery's list of likely
     * mistakes it walks them, each shown beside the model's box.
     */
    private void showReview(long[] ids, int index) {
        ReviewViewModel review = openReview(ids, index, "Review — " + vm.selectedDatasetProperty().get().dataset().name());
        vm.curation().suspectsListed(ids).ifPresent(listed -> {
            if (review != null) {
                review.checkSuspects(listed.suspects(), listed.taskId());
            }
        });
    }

    private ReviewViewModel openReview(long[] ids, int index, String title) {
        var project = vm.projectProperty().get();
        if (project == null || project.store().tasks().isEmpty()) {
            vm.messageProperty().set("Nothing to review yet: import annotations or pre-annotate first");
            return null;
        }
        ReviewViewModel review = new ReviewViewModel(project.store(), ids, index, vm.userName());
        Stage stage = new Stage();
        stage.initOwner(getScene().getWindow());
        stage.setTitle(title);
        ReviewView view = new ReviewView(review);
        stage.setScene(LoupeApplication.createScene(view));
        stage.setOnHidden(e -> {
            review.close();
            vm.refreshDatasets(null);
        });
        stage.show();
        view.canvas().requestFocus();
        return review;
    }

    private void showPreannotate() {
        PreannotateForm form = new PreannotateForm(vm.selectedDatasetProperty().get().dataset().name(), vm.models(),
                WeightsResolver.modelsDir(null));
        if (FormDialog.show(getScene().getWindow(), "Pre-annotate", form, form.incomplete())) {
            vm.preannotate(form.model(), form.modelsDir(), form.task(), form.classes(), form.score());
        }
    }

    private void showSuspects() {
        TaskModelForm form = new TaskModelForm(vm.selectedDatasetProperty().get().dataset().name(), vm.tasks(), false,
                "Boxes of task", "Checked with", vm.models(), WeightsResolver.modelsDir(null));
        if (FormDialog.show(getScene().getWindow(), "Find likely mistakes", form, form.incomplete())) {
            vm.curation().findSuspects(form.task(), form.model(), form.modelsDir());
        }
    }

    private void showLabelNext() {
        TaskModelForm form = new TaskModelForm(vm.selectedDatasetProperty().get().dataset().name(), vm.tasks(), true,
                "Labelled in task", "Ranked by", vm.models(), WeightsResolver.modelsDir(null));
        if (FormDialog.show(getScene().getWindow(), "Images to label next", form, form.incomplete())) {
            vm.curation().findImagesToLabel(form.task(), form.model(), form.modelsDir());
        }
    }

    private void showEvaluate() {
        EvaluationForm form = new EvaluationForm(vm.tasks());
        if (FormDialog.show(getScene().getWindow(), "Evaluate", form, form.incomplete())) {
            vm.evaluate(form.groundTruth(), form.predictions(), form.classes(), form.imageScope(), result -> {
                Stage stage = new Stage();
                stage.initOwner(getScene().getWindow());
                stage.setTitle("Evaluation: " + String.join(", ", form.predictions()) + " vs " + form.groundTruth());
                stage.setScene(LoupeApplication.createScene(new EvaluationView(result)));
                stage.show();
            });
        }
    }

    private void showConsensus() {
        ConsensusForm form = new ConsensusForm(vm.tasks(), vm::assigneesOf);
        if (FormDialog.show(getScene().getWindow(), "Consensus of annotators", form, form.incomplete())) {
            vm.consensus(form.annotators(), form.outTask(), form.config(), form.truth(), form.routeBelow(), result -> {
                Stage stage = new Stage();
                stage.initOwner(getScene().getWindow());
                stage.setTitle("Agreement: " + String.join(", ", form.annotatorNames()));
                stage.setScene(LoupeApplication.createScene(new AgreementView(result, (task, ids) -> {
                    ReviewViewModel review = openReview(ids, 0, "Review — merged truth " + form.outTask());
                    if (review != null) {
                        review.focus(task, 0, ids);
                    }
                })));
                stage.show();
            });
        }
    }

    private void showExport() {
        ExportForm form = new ExportForm(vm.selectedDatasetProperty().get().dataset().name(), vm.tasks());
        if (FormDialog.show(getScene().getWindow(), "Export annotations", form, form.incomplete())) {
            vm.export(form.toRequest());
        }
    }

    private static <T extends Enum<T>> ComboBox<T> filter(String id, List<T> values, String any) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().add(null);
        box.getItems().addAll(values);
        box.setId(id);
        box.setPromptText(any);
        StringConverter<T> converter = new StringConverter<>() {
            @Override
            public String toString(T v) {
                return v == null ? any : v.name().charAt(0) + v.name().substring(1).toLowerCase();
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
        box.setConverter(converter);
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(converter.toString(item));
            }
        });
        return box;
    }

    private VBox sidebar() {
        Label title = new Label("Datasets");
        title.getStyleClass().add("section-title");
        ListView<DatasetEntry> list = new ListView<>(vm.datasets());
        list.setId("datasetList");
        list.setPlaceholder(new Label("No datasets yet"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DatasetEntry d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : String.format("%s  (%,d)", d.dataset().name(), d.images()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null && (vm.selectedDatasetProperty().get() == null
                    || vm.selectedDatasetProperty().get().dataset().id() != n.dataset().id())) {
                vm.selectedDatasetProperty().set(n);
            }
        });
        vm.selectedDatasetProperty().addListener((obs, o, n) -> {
            if (n != null && list.getSelectionModel().getSelectedItem() != n) {
                list.getSelectionModel().select(n);
            }
        });
        list.setPrefHeight(220);
        JobsPanel jobs = new JobsPanel(vm.jobs());
        VBox.setVgrow(jobs, Priority.ALWAYS);
        VBox side = new VBox(8, title, list, jobs);
        side.getStyleClass().add("sidebar");
        side.setPadding(new Insets(10));
        side.setPrefWidth(260);
        return side;
    }

    private HBox statusBar() {
        Label text = new Label();
        text.setId("statusText");
        text.textProperty().bind(vm.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label selection = new Label();
        selection.getStyleClass().add("muted");
        selection.textProperty().bind(Bindings.createStringBinding(() -> {
            ImageItem item = vm.gallery().selectedItemProperty().get();
            return item == null ? "" : item.relativePath() + "  " + item.widthPx() + "×" + item.heightPx();
        }, vm.gallery().selectedItemProperty()));
        Label message = new Label();
        message.setId("messageText");
        message.getStyleClass().add("message");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.SOMETIMES);
        HBox bar = new HBox(16, text, message, spacer, selection);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && vm.projectProperty().get() != null) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        vm.importPaths(files.stream().map(File::toPath).toList());
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }
}
