package dev.loupe.ui.review;

import dev.loupe.core.Box;
import dev.loupe.core.Comment;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.Label;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Task;
import org.controlsfx.control.SearchableComboBox;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;

/** The review window: the canvas, a panel with the boxes and review actions, and a status line. */
public final class ReviewView extends BorderPane {
    private final ReviewViewModel vm;
    /** Shown while a clip's frames are walked. */
    private final ClipTimeline timeline;
    private final ReviewCanvas canvas;
    private final Slider threshold = new Slider(0, 1, 0.5);
    private final GridPane help = helpOverlay();

    public ReviewView(ReviewViewModel vm) {
        this.vm = vm;
        getStyleClass().add("review-view");
        canvas = new ReviewCanvas(vm);
        canvas.setId("reviewCanvas");
        StackPane center = new StackPane(canvas, help);
        StackPane.setAlignment(help, Pos.CENTER);
        help.setVisible(false);
        setCenter(center);
        setRight(panel());
        javafx.scene.control.Label status = new javafx.scene.control.Label();
        status.setId("reviewStatus");
        status.textProperty().bind(vm.statusProperty());
        javafx.scene.control.Label server = new javafx.scene.control.Label();
        server.setId("serverNotice");
        server.getStyleClass().add("server-notice");
        server.textProperty().bind(vm.serverNoticeProperty());
        server.visibleProperty().bind(vm.serverNoticeProperty().isNotEmpty());
        server.managedProperty().bind(server.visibleProperty());
        HBox bar = new HBox(12, server, status);
        bar.getStyleClass().add("status-bar");
        timeline = new ClipTimeline(vm);
        setBottom(new javafx.scene.layout.VBox(timeline, bar));
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** Shows {@code n} only to people who may judge (on a team project an annotator does not). */
    private <N extends javafx.scene.Node> N judged(N n) {
        n.setVisible(vm.mayJudge());
        n.setManaged(vm.mayJudge());
        return n;
    }

    public ReviewCanvas canvas() {
        return canvas;
    }

    private ScrollPane panel() {
        ComboBox<Task> task = new ComboBox<>(vm.tasks());
        task.setId("reviewTask");
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setConverter(new StringConverter<>() {
            @Override
            public String toString(Task t) {
                return t == null ? "" : t.name();
            }

            @Override
            public Task fromString(String s) {
                return null;
            }
        });
        ComboBox<ReviewStage> stage = new ComboBox<>(vm.stages());
        stage.setId("reviewStage");
        stage.setPromptText("all images (no stage)");
        stage.valueProperty().bindBidirectional(vm.stageProperty());
        stage.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReviewStage st) {
                return st == null ? "all images (no stage)" : st.name() + " (" + st.samplePercent() + "%)";
            }

            @Override
            public ReviewStage fromString(String s) {
                return null;
            }
        });
        Button newStage = action("New…", this::newStage);
        javafx.scene.control.Label verdict = new javafx.scene.control.Label();
        verdict.getStyleClass().add("muted");
        verdict.textProperty().bind(vm.verdictProperty());
        TextField verdictComment = new TextField();
        verdictComment.setId("verdictComment");
        verdictComment.setPromptText("comment for the annotator");
        Button approve = action("Approve image", () -> {
            vm.judge(ReviewStatus.ACCEPTED, verdictComment.getText());
            verdictComment.clear();
        });
        approve.setId("approveImage");
        Button sendBack = action("Send back", () -> {
            vm.judge(ReviewStatus.REJECTED, verdictComment.getText());
            verdictComment.clear();
        });
        sendBack.setId("sendBackImage");
        HBox judging = new HBox(6, approve, sendBack);
        List.of(newStage, verdictComment, judging).forEach(this::judged);
        VBox stageBox = new VBox(6, new HBox(6, stage, newStage), verdict, verdictComment, judging);
        stageBox.visibleProperty().bind(vm.taskProperty().isNotNull());
        approve.disableProperty().bind(vm.stageProperty().isNull());
        sendBack.disableProperty().bind(vm.stageProperty().isNull());
        verdictComment.disableProperty().bind(vm.stageProperty().isNull());

        ListView<Comment> comments = new ListView<>(vm.comments());
        comments.setId("reviewComments");
        comments.setFocusTraversable(false);
        comments.setPrefHeight(80);
        comments.setMinHeight(60);
        comments.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Comment c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.author() + (c.boxId() == null ? "" : " (box)") + ": " + c.text());
                setWrapText(true);
            }
        });
        TextField commentField = new TextField();
        commentField.setId("commentField");
        commentField.setPromptText("comment on the selected box or the image, Enter");
        commentField.setOnAction(e -> {
            vm.comment(commentField.getText());
            commentField.clear();
        });

        // type-ahead: typing filters the labels, Enter picks
        SearchableComboBox<Label> label = new SearchableComboBox<>(vm.labels());
        label.setId("reviewLabel");
        label.setConverter(new StringConverter<>() {
            @Override
            public String toString(Label l) {
                return l == null ? "" : l.name();
            }

            @Override
            public Label fromString(String s) {
                return null;
            }
        });
        label.valueProperty().bindBidirectional(vm.currentLabelProperty());
        label.setOnAction(e -> {
            if (label.getValue() != null && vm.selectedProperty().get() >= 0) {
                vm.relabelSelected(label.getValue());
            }
        });
        ListView<Box> boxes = new ListView<>(vm.boxes());
        boxes.setId("reviewBoxes");
        boxes.setFocusTraversable(false);
        boxes.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Box b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : String.format("%s%s · %s", vm.labelName(b.labelId()),
                        b.hasScore() ? String.format(" %.2f", b.score()) : "", b.status().name().toLowerCase()));
                setTextFill(empty || b == null ? null : ReviewCanvas.colorOf(b).darker());
            }
        });
        boxes.getSelectionModel().selectedItemProperty().addListener((obs, o, b) -> {
            if (b != null && b.id() != vm.selectedProperty().get()) {
                vm.select(b.id());
            }
        });
        vm.selectedProperty().addListener((obs, o, id) -> vm.boxes().stream().filter(b -> b.id() == id.longValue())
                .findFirst().ifPresentOrElse(b -> boxes.getSelectionModel().select(b),
                        () -> boxes.getSelectionModel().clearSelection()));
        VBox.setVgrow(boxes, Priority.ALWAYS);
        Button accept = action("Accept (A)", () -> vm.setSelectedStatus(ReviewStatus.ACCEPTED));
        Button reject = action("Reject (R)", () -> vm.setSelectedStatus(ReviewStatus.REJECTED));
        Button delete = action("Delete", vm::deleteSelected);
        Button acceptAbove = action("Accept all ≥ score (Shift+A)", () -> vm.acceptAbove(threshold.getValue()));
        List.of(accept, reject, acceptAbove).forEach(this::judged);
        ComboBox<ReviewStatus> show = new ComboBox<>();
        show.setId("reviewShow");
        show.getItems().add(null);
        show.getItems().addAll(ReviewStatus.values());
        show.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReviewStatus st) {
                return st == null ? "all boxes" : st.name().toLowerCase() + " only";
            }

            @Override
            public ReviewStatus fromString(String text) {
                return null;
            }
        });
        show.valueProperty().bindBidirectional(vm.statusFilterProperty());
        Slider minScore = new Slider(0, 1, 0);
        minScore.setId("minScore");
        minScore.valueProperty().bindBidirectional(vm.minScoreProperty());
        javafx.scene.control.Label minScoreText = new javafx.scene.control.Label();
        minScoreText.textProperty().bind(minScore.valueProperty().asString("show ≥ %.2f"));
        javafx.scene.control.Label thresholdText = new javafx.scene.control.Label();
        thresholdText.textProperty().bind(threshold.valueProperty().asString("score %.2f"));
        Button prev = action("◀ Prev (D)", vm::previous);
        Button next = action("Next (F) ▶", vm::next);
        Button done = action("Done (Enter)", this::doneAndNext);
        Button keys = action("Shortcuts (?)", () -> help.setVisible(!help.isVisible()));
        VBox panel = new VBox(8, title("Task"), task, title("Review stage"), stageBox, title("Label"), label,
                title("Boxes"), new HBox(6, show, minScoreText), minScore, boxes, new HBox(6, accept, reject, delete), judged(new HBox(6, threshold, thresholdText)),
                acceptAbove, title("Comments"), comments, commentField, new HBox(6, prev, next, done), keys);
        panel.setPadding(new Insets(10));
        boxes.setPrefHeight(160);
        boxes.setMinHeight(100);
        ScrollPane scroll = new ScrollPane(panel);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("details");
        scroll.setPrefWidth(340);
        return scroll;
    }

    private void newStage() {
        TextInputDialog dialog = new TextInputDialog("20");
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("New review stage");
        dialog.setHeaderText("Sample a share of this task's images for review");
        dialog.setContentText("Percent of images:");
        dialog.showAndWait().ifPresent(text -> {
            try {
                double percent = Double.parseDouble(text.strip());
                vm.createStage("stage " + (vm.stages().size() + 1), percent, System.nanoTime());
            } catch (IllegalArgumentException e) {
                vm.statusProperty().set(e.getMessage());
            }
        });
    }

    private static javafx.scene.control.Label title(String text) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private Button action(String text, Runnable r) {
        Button b = new Button(text);
        b.setFocusTraversable(false);
        b.setOnAction(e -> {
            r.run();
            canvas.requestFocus();
        });
        return b;
    }

    private void doneAndNext() {
        if (!vm.doneProperty().get()) {
            vm.toggleDone();
        }
        vm.next();
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        KeyCode k = e.getCode();
        boolean shortcut = e.isShortcutDown();
        double step = e.isShiftDown() ? 10 : 1;
        boolean handled = true;
        if (shortcut && k == KeyCode.C) {
            vm.copy();
        } else if (shortcut && k == KeyCode.V) {
            vm.paste();
        } else if (e.isAltDown() && k.isArrowKey()) {
            vm.resizeSelected(k == KeyCode.RIGHT ? step : k == KeyCode.LEFT ? -step : 0,
                    k == KeyCode.DOWN ? step : k == KeyCode.UP ? -step : 0);
        } else if (shortcut && k == KeyCode.Z) {
            if (e.isShiftDown()) {
                vm.redo();
            } else {
                vm.undo();
            }
        } else if (shortcut && k == KeyCode.Y) {
            vm.redo();
        } else if (k.isDigitKey() && k != KeyCode.DIGIT0 && k != KeyCode.NUMPAD0) {
            vm.useLabel(Integer.parseInt(k.getName().replaceAll("\\D", "")) - 1);
        } else {
            switch (k) {
                case N -> canvas.startDrawing();
                case A -> {
                    if (e.isShiftDown()) {
                        vm.acceptAbove(threshold.getValue());
                    } else {
                        vm.setSelectedStatus(ReviewStatus.ACCEPTED);
                    }
                }
                case R -> vm.setSelectedStatus(ReviewStatus.REJECTED);
                case M -> {
                    if (e.isShiftDown()) {
                        vm.passSuspect();
                    } else {
                        vm.takeSuspectFix();
                    }
                }
                case DELETE, BACK_SPACE -> vm.deleteSelected();
                case LEFT -> vm.nudge(-step, 0);
                case RIGHT -> vm.nudge(step, 0);
                case UP -> vm.nudge(0, -step);
                case DOWN -> vm.nudge(0, step);
                case TAB -> vm.selectNext();
                case F, PAGE_DOWN, PERIOD -> vm.next();
                case D, PAGE_UP, COMMA -> vm.previous();
                case E -> vm.endSelectedTrack();
                case X -> vm.splitSelectedTrack();
                case J -> vm.joinTracks();
                case OPEN_BRACKET -> vm.jumpToKeyFrame(-1);
                case CLOSE_BRACKET -> vm.jumpToKeyFrame(1);
                case P -> {
                    if (timeline.isVisible()) {
                        timeline.togglePlay();
                    }
                }
                case ENTER -> doneAndNext();
                case Z -> {
                    if (e.isShiftDown()) {
                        canvas.actualSize();
                    } else {
                        canvas.fit();
                    }
                }
                case H -> {
                    if (e.isShiftDown()) {
                        vm.hideSelected();
                    } else {
                        canvas.toggleBoxes();
                    }
                }
                case K -> vm.toggleLockSelected();
                case C -> canvas.toggleCrosshair();
                case L -> canvas.toggleCaptions();
                case S -> canvas.toggleScores();
                case F1, SLASH -> help.setVisible(!help.isVisible());
                case ESCAPE -> {
                    help.setVisible(false);
                    vm.select(-1);
                }
                default -> handled = false;
            }
        }
        if (handled) {
            e.consume();
        }
    }

    private static GridPane helpOverlay() {
        GridPane grid = new GridPane();
        grid.setId("reviewHelp");
        grid.getStyleClass().add("help-overlay");
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setPadding(new Insets(16));
        grid.setMaxSize(GridPane.USE_PREF_SIZE, GridPane.USE_PREF_SIZE);
        int row = 0;
        for (ReviewKeys.Key key : ReviewKeys.ALL) {
            javafx.scene.control.Label k = new javafx.scene.control.Label(key.keys());
            k.getStyleClass().add("help-key");
            grid.addRow(row++, k, new javafx.scene.control.Label(key.action()));
        }
        return grid;
    }
}
