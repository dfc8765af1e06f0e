package dev.loupe.ui.review;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Comment;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.StageImage;
import dev.loupe.review.ReviewStages;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Task;
import dev.loupe.review.Rect;
import dev.loupe.review.ReviewSession;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.StaleEditException;
import dev.loupe.suspects.Suspect;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The review canvas's state: the session (boxes, undo), the selected box, the current label, and the image
 * itself, decoded off the FX thread with the next and previous images prefetched so switching is instant.
 */
public final class ReviewViewModel implements AutoCloseable {

    private final ProjectStore store;
    private final String author;
    private final ImagePrefetcher prefetcher;
    private final ObservableList<Box> boxes = FXCollections.observableArrayList();
    private final ObservableList<Label> labels = FXCollections.observableArrayList();
    private final ObservableList<Task> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<Task> task = new SimpleObjectProperty<>();
    private final ObjectProperty<Label> currentLabel = new SimpleObjectProperty<>();
    private final LongProperty selected = new SimpleLongProperty(-1);
    private final ObjectProperty<ImagePyramid> image = new SimpleObjectProperty<>();
    private final ObjectProperty<ImageItem> item = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final ReviewTracks tracks;
    private ReviewSuspects suspects;
    /** The label picker reports its list being replaced as a pick: while it is, no box is relabelled. */
    private boolean refreshingLabels;
    private final ObjectProperty<Suspect> suspect = new SimpleObjectProperty<>();
    /** The picture last asked for: a late answer to an earlier request does not replace it. */
    private CompletableFuture<ImagePyramid> showing;
    private final javafx.beans.property.IntegerProperty position = new javafx.beans.property.SimpleIntegerProperty();
    private final javafx.beans.property.IntegerProperty count = new javafx.beans.property.SimpleIntegerProperty();
    private final BooleanProperty done = new SimpleBooleanProperty();
    private final Map<Long, String> labelNames = new HashMap<>();
    private final ObservableList<ReviewStage> stages = FXCollections.observableArrayList();
    private final ObjectProperty<ReviewStage> stage = new SimpleObjectProperty<>();
    private final ObservableList<Comment> comments = FXCollections.observableArrayList();
    private final StringProperty verdict = new SimpleStringProperty("");
    private final long[] galleryIds;
    private ReviewSession session;
    private List<Box> clipboard = List.of();
    private final java.util.Set<Long> hidden = new java.util.HashSet<>();
    private final java.util.Set<Long> locked = new java.util.HashSet<>();
    private final javafx.beans.property.DoubleProperty minScore = new javafx.beans.property.SimpleDoubleProperty(0);
    private final ObjectProperty<ReviewStatus> statusFilter = new SimpleObjectProperty<>();

    private final ProjectStore.RunningJob changes;
    private final ProjectStore.RunningJob outbox;
    private final StringProperty serverNotice = new SimpleStringProperty("");
    private final boolean mayJudge;
    /** While {@link #focus} picks the task and stage, whose listeners then leave the session to it. */
    private boolean focusing;
    private static final String NOT_A_JUDGE = "Accepting and rejecting boxes is a reviewer's part: your edits wait for one";
    /** The shown image's id, for the store's listening thread. */
    private volatile long shownImage;
    private boolean closed;

    public ReviewViewModel(ProjectStore store, long[] imageIds, int index, String author) {
        this.store = store;
        this.prefetcher = new ImagePrefetcher(store.imageBytes());
        this.tracks = new ReviewTracks(store);
        this.author = author;
        this.galleryIds = imageIds.clone();
        this.mayJudge = store.mayJudgeBoxes();
        tasks.setAll(store.tasks());
        refreshLabels();
        Task initial = preferredTask(tasks);
        task.set(initial);
        if (initial != null) {
            startSession(imageIds, index, initial.id());
        }
        refreshStages();
        // on a team project another person's edit of the shown image redraws it within a moment; the boxes are read
        // on the store's listening thread, the FX thread only takes them
        // (0: the server was away, any image may have changed)
        changes = store.watch(changed -> {
            long imageId = changed == 0 ? shownImage : changed;
            List<Box> stored = store.boxes(imageId);
            Platform.runLater(() -> {
                if (!closed && session != null && session.image().id() == imageId) {
                    session.reload(stored);
                    refreshBoxes();
                }
            });
        });
        selected.addListener((obs, o, id) -> {
            sayWhereFrom(id.longValue());
            if (session != null) {
                tracks.selected(session, id.longValue());
            }
        });
        serverNotice.set(store.outboxStatus().summary());
        outbox = store.watchOutbox(now -> Platform.runLater(() -> serverNotice.set(now.summary())));
        statusFilter.addListener((obs, o, n) -> {
            if (session != null) {
                refreshBoxes();
            }
        });
        minScore.addListener((obs, o, n) -> {
            if (session != null) {
                refreshBoxes();
            }
        });
        task.addListener((obs, o, t) -> {
            if (t != null) {
                stage.set(null);
                refreshStages();
                if (!focusing) {
                    startSession(imageIds, session == null ? index : session.index(), t.id());
                }
            }
        });
        stage.addListener((obs, o, st) -> {
            if (task.get() == null || focusing) {
                return;
            }
            long[] ids = st == null ? galleryIds
                    : store.stageImages(st.id()).stream().mapToLong(StageImage::imageId).toArray();
            if (ids.length > 0) {
                startSession(ids, 0, task.get().id());
            }
        });
    }

    /** The task with the most boxes waiting for review (scratch evaluation tasks last), else the newest. */
    private Task preferredTask(List<Task> all) {
        Task best = null;
        long most = 0;
        for (Task t : all) {
            if (t.name().startsWith("eval:")) {
                continue;
            }
            long pending = store.countBoxes(new BoxQuery(null, t.id(), ReviewStatus.PENDING, null, null, null, null));
            if (pending > most) {
                most = pending;
                best = t;
            }
        }
        return best != null ? best : all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private void refreshLabels() {
        List<Label> now = store.labels();
        if (now.equals(labels)) {
            return;
        }
        refreshingLabels = true;
        try {
            labels.setAll(now);
        } finally {
            refreshingLabels = false;
        }
        labelNames.clear();
        labels.forEach(l -> labelNames.put(l.id(), l.name()));
        if (currentLabel.get() == null && !labels.isEmpty()) {
            currentLabel.set(labels.get(0));
        }
    }

    public String labelName(long id) {
        return labelNames.getOrDefault(id, "?");
    }

    private void showImage() {
        showImage(false);
    }

    /**
     * Shows the session's image; with {@code preview}, a clip frame shows its key frame until {@link #settle()} (what
     * keeps scrubbing a clip with distant key frames smooth).
     */
    private void showImage(boolean preview) {
        hidden.clear();
        locked.clear();
        tracks.show(session);
        showSuspect();
        count.set(session.size());
        position.set(session.index());
        item.set(session.image());
        shownImage = session.image().id();
        refreshBoxes();
        refreshImageNotes();
        done.set(session.isDone());
        ImageItem shown = session.image();
        boolean quick = preview && shown.isFrame();
        CompletableFuture<ImagePyramid> f = quick ? prefetcher.preview(shown) : prefetcher.load(shown);
        showing = f;
        if (f.isDone() && !f.isCompletedExceptionally() && !f.isCancelled()) {
            image.set(f.join());
        } else if (!quick) {
            image.set(null);
        }
        f.whenComplete((img, error) -> Platform.runLater(() -> {
            if (session.image().id() != shown.id() || showing != f || f.isCancelled()) {
                return; // moved on, or a picture for this image asked for later replaces this one
            }
            if (error != null) {
                // the boxes stay editable; say why the picture is missing
                Throwable why = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                status.set("Cannot show " + shown.fileName() + ": " + why.getMessage());
            } else if (image.get() != img) {
                image.set(img);
            }
        }));
        if (quick) {
            return; // no neighbours while scrubbing: the decoder keeps to what is shown
        }
        for (int d : new int[]{1, -1}) {
            int i = session.index() + d;
            if (i >= 0 && i < session.size()) {
                store.image(session.imageIdAt(i)).ifPresent(prefetcher::load);
            }
        }
    }


    private void refreshStages() {
        stages.setAll(task.get() == null ? List.of() : store.stages(task.get().id()));
    }

    /** Samples a new review stage of the current task and switches to it. */
    public void createStage(String name, double percent, long seed) {
        ReviewStage created = new ReviewStages(store).create(task.get().id(), name, percent, null, null, null, null, seed,
                author);
        refreshStages();
        stage.set(stages.stream().filter(s -> s.id() == created.id()).findFirst().orElse(null));
    }

    /** The reviewer's verdict on the current image of the stage, then the next image. */
    public void judge(ReviewStatus v, String comment) {
        ReviewStage st = stage.get();
        if (st == null) {
            status.set("Pick a review stage to accept or reject images");
            return;
        }
        new ReviewStages(store).judge(st, session.image().id(), v, comment, author);
        if (!session.next()) {
            refreshImageNotes();
            return;
        }
        selected.set(-1);
        showImage();
    }

    /** Adds a comment to the selected box, or to the image when none is selected. */
    public void comment(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Long box = selected.get() >= 0 ? selected.get() : null;
        store.addComment(session.image().id(), box, author, text.strip());
        refreshComments();
    }

    /** Comments and the stage verdict change with the image or a judgement, not with box edits. */
    private void refreshImageNotes() {
        refreshComments();
        ReviewStage st = stage.get();
        if (st == null) {
            verdict.set("");
        } else {
            var progress = new ReviewStages(store).progress(st);
            String here = store.stageImages(st.id()).stream().filter(i -> i.imageId() == session.image().id()).findFirst()
                    .map(i -> i.verdict() == null ? "not reviewed yet" : i.verdict().name().toLowerCase() + " by " + i.reviewer())
                    .orElse("");
            verdict.set(String.format("%s · stage: %d accepted, %d rejected, %d to go", here, progress.accepted(),
                    progress.rejected(), progress.pending()));
        }
    }

    private void refreshComments() {
        comments.setAll(store.comments(session.image().id()));
    }

    private void refreshBoxes() {
        boxes.setAll(session.boxes().stream().filter(b -> !hidden.contains(b.id()))
                .filter(b -> !b.hasScore() || b.score() >= minScore.get())
                .filter(b -> statusFilter.get() == null || b.status() == statusFilter.get()).toList());
        var c = session.counts();
        status.set(String.format("%d / %d · %s · %d pending, %d accepted, %d rejected%s", session.index() + 1,
                session.size(), session.image().fileName(), c.get(ReviewStatus.PENDING), c.get(ReviewStatus.ACCEPTED),
                c.get(ReviewStatus.REJECTED), session.isDone() ? " · done" : "")
                + (session.blind() ? " · independent annotation: others' boxes hidden until all are done" : ""));
        if (selected.get() >= 0 && session.box(selected.get()).isEmpty()) {
            selected.set(-1);
        }
    }

    /** A box of a merged truth (consensus) says which annotators' boxes it was made from. */
    private void sayWhereFrom(long boxId) {
        if (boxId < 0 || session == null) {
            return;
        }
        long[] sources = store.consensusSources(boxId);
        if (sources.length == 0) {
            return;
        }
        java.util.Map<Long, String> taskNames = new java.util.HashMap<>();
        tasks.forEach(t -> taskNames.put(t.id(), t.name()));
        java.util.Set<Long> wanted = java.util.Arrays.stream(sources).boxed().collect(java.util.stream.Collectors.toSet());
        List<String> who = store.boxes(session.image().id()).stream().filter(b -> wanted.contains(b.id()))
                .map(b -> b.author().isEmpty() || taskNames.get(b.taskId()).equals(b.author())
                        ? taskNames.get(b.taskId()) : b.author() + " (" + taskNames.get(b.taskId()) + ")")
                .sorted().toList();
        status.set("Merged from " + sources.length + " boxes: " + String.join(", ", who));
    }

    // intents from the view
    public void select(long boxId) {
        selected.set(boxId);
    }

    public void selectNext() {
        List<Box> list = boxes;
        if (list.isEmpty()) {
            return;
        }
        int at = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == selected.get()) {
                at = (i + 1) % list.size();
            }
        }
        selected.set(list.get(at).id());
    }

    public void draw(Rect r) {
        if (session == null || currentLabel.get() == null) {
            status.set("Pick a label first (the project has none yet: import annotations or type one)");
            return;
        }
        Box b = session.add(currentLabel.get().id(), r);
        refreshBoxes();
        selected.set(b.id());
    }

    public void reshape(long boxId, Rect r) {
        if (locked.contains(boxId)) {
            return;
        }
        Optional<Box> before = session.box(boxId);
        edit(() -> session.reshape(boxId, r));
        Optional<Box> after = session.box(boxId);
        if (before.isPresent() && after.isPresent() && !before.equals(after)) {
            tracks.moved(session, before.get(), after.get()).ifPresent(said -> {
                refreshBoxes();
                status.set(said);
            });
        }
    }

    /** Ends the selected box's track on this frame: its boxes here and on later frames go. */
    public void endSelectedTrack() {
        session.box(selected.get()).filter(b -> session.image().isFrame()).ifPresent(box -> {
            String said = tracks.end(session, box);
            selected.set(-1);
            refreshBoxes();
            status.set(said);
        });
    }

    /** Splits the selected box's track on this frame: from here on it is a new track. */
    public void splitSelectedTrack() {
        session.box(selected.get()).filter(b -> session.image().isFrame()).ifPresent(box -> {
            String said = tracks.split(session, box);
            refreshBoxes();
            status.set(said);
        });
    }

    /** Joins the tracks of the last two boxes selected (one object followed as two tracks). */
    public void joinTracks() {
        if (session.image().isFrame()) {
            String said = tracks.join(session, author);
            refreshBoxes();
            status.set(said);
        }
    }

    /**
     * Shows the next ({@code direction} 1) or previous (-1) frame walked that is a key frame of the selected box's track,
     * or of any track when no box is selected.
     */
    public void jumpToKeyFrame(int direction) {
        if (!session.image().isFrame()) {
            return;
        }
        Optional<Box> box = session.box(selected.get());
        long keep = selected.get();
        tracks.keyFrame(session, box, direction, status::set).ifPresent(jump -> {
            goTo(jump.position());
            selected.set(box.isPresent() ? ReviewTracks.boxOf(session, jump.tracks()).orElse(-1L) : keep);
        });
    }

    /** Whether a box of the shown frame is interpolated between its track's key frames (drawn dashed). */
    public boolean isInterpolated(Box b) {
        return tracks.interpolated(session, b);
    }

    /**
     * Runs an edit of the session and redraws. On a team project someone may have changed the box meanwhile: the
     * edit is refused, the box shows as it is now, and the status line says who changed it.
     */
    private void edit(Runnable change) {
        try {
            change.run();
        } catch (StaleEditException stale) {
            status.set(stale.getMessage());
        }
        refreshBoxes();
    }

    /** Copies the selected box, or every box when none is selected. */
    public void copy() {
        clipboard = selected.get() >= 0 ? session.box(selected.get()).map(List::of).orElse(List.of()) : List.copyOf(boxes);
        status.set(clipboard.size() + " boxes copied");
    }

    /** Pastes the copied boxes onto this image (copied on another image, they land in the same place). */
    public void paste() {
        List<Box> added = session.paste(clipboard);
        refreshBoxes();
        if (added.size() == 1) {
            selected.set(added.get(0).id());
        }
    }

    /** Hides the selected box until the image changes (it cannot be picked while hidden). */
    public void hideSelected() {
        if (selected.get() >= 0) {
            hidden.add(selected.get());
            selected.set(-1);
            refreshBoxes();
        }
    }

    /** Locks or unlocks the selected box: a locked box can be selected and judged but not moved or resized. */
    public void toggleLockSelected() {
        long id = selected.get();
        if (id >= 0 && !locked.remove(id)) {
            locked.add(id);
        }
    }

    public boolean isLocked(long boxId) {
        return locked.contains(boxId);
    }

    /** Shows only boxes without a score or scoring at least this much. */
    public javafx.beans.property.DoubleProperty minScoreProperty() {
        return minScore;
    }

    /** Shows only boxes in this review state (null: all). */
    public ObjectProperty<ReviewStatus> statusFilterProperty() {
        return statusFilter;
    }

    /** Grows or shrinks the selected box from its right and bottom edges. */
    public void resizeSelected(double dw, double dh) {
        session.box(selected.get()).filter(b -> !locked.contains(b.id()))
                .ifPresent(b -> reshape(b.id(), new Rect(b.x(), b.y(), Math.max(1, b.w() + dw), Math.max(1, b.h() + dh))));
    }

    public void nudge(double dx, double dy) {
        if (locked.contains(selected.get())) {
            return;
        }
        session.box(selected.get()).ifPresent(b -> reshape(b.id(), new Rect(b.x() + dx, b.y() + dy, b.w(), b.h())));
    }

    /** Relabels the selected box to the n-th label (0-based), or makes it the label for new boxes. */
    public void useLabel(int n) {
        if (n < 0 || n >= labels.size()) {
            return;
        }
        relabelSelected(labels.get(n));
    }

    public void relabelSelected(Label label) {
        if (refreshingLabels) {
            return;
        }
        currentLabel.set(label);
        if (selected.get() >= 0) {
            edit(() -> session.relabel(selected.get(), label.id()));
        }
    }

    public void deleteSelected() {
        if (selected.get() >= 0) {
            session.delete(selected.get());
            selected.set(-1);
            refreshBoxes();
        }
    }

    public void setSelectedStatus(ReviewStatus s) {
        if (!mayJudge) {
            status.set(NOT_A_JUDGE);
        } else if (selected.get() >= 0) {
            edit(() -> session.setStatus(selected.get(), s));
        }
    }

    public int acceptAbove(double score) {
        if (!mayJudge) {
            status.set(NOT_A_JUDGE);
            return 0;
        }
        int n = session.acceptAbove(score);
        refreshBoxes();
        return n;
    }

    /**
     * Walks these likely mistakes of a task's boxes (best first): the review switches to that task and shows each
     * image's likeliest mistake with the model's box beside it.
     */
    public void checkSuspects(List<Suspect> found, long taskId) {
        suspects = new ReviewSuspects(found, taskId);
        tasks.stream().filter(t -> t.id() == taskId).findFirst().ifPresent(t -> {
            if (task.get() == null || task.get().id() != taskId) {
                task.set(t);
            }
        });
        showSuspect();
    }

    /** Takes the model's fix for the shown mistake (one undoable edit). */
    public void takeSuspectFix() {
        ReviewSuspects s = suspects;
        if (s == null || suspect.get() == null) {
            status.set("No likely mistake shown here");
            return;
        }
        if (suspect.get().kind().judges() && !mayJudge) {
            status.set(NOT_A_JUDGE);
            return;
        }
        edit(() -> afterSuspect(s.fix(session, name -> store.label(name).id())));
        refreshLabels(); // the fix may have made the model's label
    }

    /** Passes over the shown mistake: the box stays as it is. */
    public void passSuspect() {
        if (suspects != null && suspect.get() != null) {
            suspects.pass(session);
            afterSuspect("Left as it is");
        }
    }

    private void afterSuspect(String said) {
        showSuspect();
        int left = suspects.openOn(session.image().id());
        status.set(said + (left > 0 ? " · " + left + " more here" : " · none left here: F for the next image"));
    }

    private void showSuspect() {
        suspect.set(suspects == null || session == null ? null : suspects.show(session));
    }

    /** The likely mistake shown on this image, if any. */
    public ReadOnlyObjectProperty<Suspect> suspectProperty() {
        return suspect;
    }

    public void undo() {
        edit(session::undo);
    }

    public void redo() {
        edit(session::redo);
    }

    /** Where the shown image is in the images walked (a clip's frames: where on its timeline). */
    public javafx.beans.property.ReadOnlyIntegerProperty positionProperty() {
        return position;
    }

    /** How many images are walked. */
    public javafx.beans.property.ReadOnlyIntegerProperty countProperty() {
        return count;
    }

    /** Shows image {@code i} of those walked. */
    public void goTo(int i) {
        if (i != session.index()) {
            session.goTo(i);
            selected.set(-1);
            showImage();
        }
    }

    /** Moves to image {@code i} while a clip's timeline is dragged: its key frame shows until {@link #settle()}. */
    public void scrubTo(int i) {
        if (i != session.index()) {
            session.goTo(i);
            selected.set(-1);
            showImage(true);
        }
    }

    /** The timeline was let go: the exact frame replaces the key frame shown while scrubbing. */
    public void settle() {
        showImage(false);
    }

    public void next() {
        if (session.next()) {
            selected.set(-1);
            showImage();
        }
    }

    public void previous() {
        if (session.previous()) {
            selected.set(-1);
            showImage();
        }
    }

    public void toggleDone() {
        session.setDone(!session.isDone());
        done.set(session.isDone());
        refreshBoxes();
    }

    public ObservableList<ReviewStage> stages() {
        return stages;
    }

    public ObjectProperty<ReviewStage> stageProperty() {
        return stage;
    }

    public ObservableList<Comment> comments() {
        return comments;
    }

    /** The stage verdict on the current image, in words. */
    public StringProperty verdictProperty() {
        return verdict;
    }

    public ObservableList<Box> boxes() {
        return boxes;
    }

    public ObservableList<Label> labels() {
        return labels;
    }

    public ObservableList<Task> tasks() {
        return tasks;
    }

    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    public ObjectProperty<Label> currentLabelProperty() {
        return currentLabel;
    }

    public LongProperty selectedProperty() {
        return selected;
    }

    public ObjectProperty<ImagePyramid> imageProperty() {
        return image;
    }

    public ObjectProperty<ImageItem> itemProperty() {
        return item;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty doneProperty() {
        return done;
    }

    public ReviewSession session() {
        return session;
    }

    /**
     * Walks {@code ids} (a person's open work) in the task, with the review stage {@code stageId} chosen unless it is
     * 0 (annotation work).
     */
    public void focus(long taskId, long stageId, long[] ids) {
        focusing = true; // the task and stage chosen here open no session of their own: this one follows
        try {
            tasks.stream().filter(t -> t.id() == taskId).findFirst().ifPresent(task::set);
            if (stageId != 0) {
                stages.stream().filter(s -> s.id() == stageId).findFirst().ifPresent(stage::set);
            }
        } finally {
            focusing = false;
        }
        startSession(ids, 0, taskId);
    }

    /** Walks {@code ids} from {@code at} in the task, from a clean selection. */
    private void startSession(long[] ids, int at, long taskId) {
        session = new ReviewSession(store, ids, at, taskId, author, mayJudge);
        selected.set(-1);
        showImage();
    }

    /**
     * Whether the person may accept and reject boxes and judge stage images (on a team project, reviewers and admins);
     * the window offers those only then.
     */
    public boolean mayJudge() {
        return mayJudge;
    }

    /** On a team project, what waits for the server or was refused by it; empty when all is stored. */
    public StringProperty serverNoticeProperty() {
        return serverNotice;
    }

    @Override
    public void close() {
        closed = true; // a change announced just before may still be queued for the FX thread
        changes.close();
        outbox.close();
        prefetcher.close();
    }
}
