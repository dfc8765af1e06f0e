package dev.loupe.ui.app;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ExportAnnotationsJob;
import dev.loupe.formats.ExportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.ModelCatalog;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.inference.ModelException;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.inference.WeightsResolver;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.ThumbnailCache;
import dev.loupe.media.ThumbnailJob;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.samples.SampleProjectJob;
import dev.loupe.project.Workspace;
import dev.loupe.ui.common.DialogService;
import dev.loupe.ui.eval.EvaluationViewModel;
import dev.loupe.metrics.MetadataImport;
import dev.loupe.ui.clusters.ClusterViewModel;
import dev.loupe.ui.train.RetrainViewModel;
import dev.loupe.ui.explore.ExploreViewModel;
import dev.loupe.ui.common.FxJobs;
import dev.loupe.ui.gallery.GalleryViewModel;
import dev.loupe.ui.gallery.TileLoader;
import javafx.application.Platform;
import dev.loupe.review.WorkQueues;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The main window's state and commands: the open project, its datasets, the gallery filters and the
 * long work they start. Store reads run on one background thread; results land on the FX thread.
 */
public final class MainViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    private final Workspace workspace;
    private final FxJobs jobs;
    private final CurationLists curation = new CurationLists(this);
    private final GalleryViewModel gallery = new GalleryViewModel();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loupe-io");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<Project> project = new ReadOnlyObjectWrapper<>();
    private final StringProperty where = new SimpleStringProperty("");
    /** On a team project, the server's word that someone changed boxes; nothing locally. */
    private dev.loupe.store.ProjectStore.RunningJob teamChanges = () -> { };
    private boolean countsPending;
    /** The status line's gallery part ("dataset · N of M images"), which the box counts follow. */
    private String galleryShown;
    private final javafx.beans.property.ReadOnlyBooleanWrapper administers = new javafx.beans.property.ReadOnlyBooleanWrapper(true);
    private final ObservableList<DatasetEntry> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetEntry> selectedDataset = new SimpleObjectProperty<>();
    private final ObservableList<Label> labels = FXCollections.observableArrayList();
    private final ObjectProperty<ReviewStatus> statusFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<Source> sourceFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<Label> labelFilter = new SimpleObjectProperty<>();
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<BoxOverlay> selectedBoxes = FXCollections.observableArrayList();
    private DialogService dialogs;
    private long lastLiveRefresh;

    public MainViewModel(Workspace workspace, FxJobs jobs) {
        this.workspace = workspace;
        this.jobs = jobs;
        selectedDataset.addListener((obs, o, n) -> reloadGallery());
        statusFilter.addListener((obs, o, n) -> reloadGallery());
        sourceFilter.addListener((obs, o, n) -> reloadGallery());
        labelFilter.addListener((obs, o, n) -> reloadGallery());
        gallery.selectedItemProperty().addListener((obs, o, item) -> loadSelectedBoxes(item));
    }

    public void setDialogs(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    /** Opens the project in {@code folder}, creating it when the folder holds none. */
    public void openProject(Path folder) {
        openProject(folder, opened -> { });
    }

    /** True until the user has opened any project: the GUI then starts on the welcome screen. */
    public boolean firstRun() {
        return workspace.recentProjects().isEmpty();
    }

    /** Where pre-annotation and retraining find pretrained models, for the welcome screen. */
    public String modelsHint() {
        Path dir = WeightsResolver.modelsDir(null);
        return "YOLOX-Nano and FastestDet (80 COCO classes) are built in: Annotations → Pre-annotate runs them. "
                + (dir != null ? "Their weights are read from " + dir + " (" + WeightsResolver.MODELS_DIR_VARIABLE + ")."
                : "Their weights are downloaded once, checked, into " + WeightsResolver.defaultCache()
                + "; to use a folder of ONNX models and descriptors instead, set " + WeightsResolver.MODELS_DIR_VARIABLE
                + " or pick the folder in the Pre-annotate dialog.");
    }

    /** Asks for a folder of images, then makes a project for it in Loupe's folder and imports them. */
    public boolean chooseAndCreateFromFolder() {
        java.util.Optional<Path> images = chooseFolder("Create a project from a folder of images", null);
        images.ifPresent(folder -> openProject(unusedProjectFolder(String.valueOf(folder.getFileName())),
                opened -> importPaths(List.of(folder))));
        return images.isPresent();
    }

    /** Opens (creating on first use) the sample project in Loupe's folder and fills it with the drawn sample set. */
    public void openSampleProject() {
        openProject(workspace.folder().resolve("sample-project"), opened -> jobs.submit("Sample project",
                new SampleProjectJob(opened, SampleProjectJob.DEFAULT_COUNT), report -> {
                    message.set(String.format("Sample project: %d images in dataset %s, boxes in task %s",
                            report.set().imageCount(), SampleProjectJob.DATASET, SampleProjectJob.TASK));
                    refreshDatasets(SampleProjectJob.DATASET);
                }));
    }

    private Path unusedProjectFolder(String name) {
        Path candidate = workspace.folder().resolve(name);
        for (int i = 2; java.nio.file.Files.exists(candidate); i++) {
            candidate = workspace.folder().resolve(name + "-" + i);
        }
        return candidate;
    }

    private void openProject(Path folder, java.util.function.Consumer<Project> then) {
        openProject(folder, () -> {
            try {
                return Project.openOrCreate(folder);
            } catch (dev.loupe.store.LoginRefusedException refused) {
                return null; // a team project whose password is neither in the environment nor in ~/.pgpass
            }
        }, then);
    }

    /**
     * A project just opened, whether the person may run it and whether its images are on its server (asked off the FX
     * thread: a team project's server answers).
     */
    private record Opened(Project project, boolean administers, boolean imagesOnServer) {
    }

    private void openProject(Path folder, Supplier<Project> open, java.util.function.Consumer<Project> then) {
        status.set("Opening " + folder + " …");
        background(() -> {
            Project p = open.get();
            return p == null ? new Opened(null, false, false)
                    : new Opened(p, p.store().mayAdminister(), p.store().imageBytes().onServer());
        }, result -> {
            Project opened = result.project();
            if (opened == null) {
                askPasswordAndOpen(folder, then);
                return;
            }
            Project old = project.get();
            teamChanges.close();
            administers.set(result.administers());
            project.set(opened);
            teamChanges = opened.store().watch(changed -> Platform.runLater(this::othersChanged));
            where.set(opened.store().login().map(user -> "Team project as " + user + (result.imagesOnServer()
                    ? " · images stored on the server" : " · images read from the shared folder they were imported from"))
                    .orElse(""));
            gallery.setLoader(new TileLoader(opened.store(), thumbnails(opened), dev.loupe.ui.gallery.GalleryView.THUMB_SIZE));
            if (old != null) {
                io.execute(old::close);
            }
            workspace.rememberProject(opened.folder());
            recentProjects.setAll(workspace.recentProjects());
            selectedDataset.set(null);
            refreshDatasets(null);
            then.accept(opened);
        });
    }

    private static ThumbnailCache thumbnails(Project p) {
        return new ThumbnailCache(p.cacheDir("thumbnails"), ThumbnailCache.DEFAULT_MAX_SIDE_PX, p.store().imageBytes());
    }

    /** Asks for the team project's password and opens it with that; cancelling leaves the current project open. */
    private void askPasswordAndOpen(Path folder, java.util.function.Consumer<Project> then) {
        if (dialogs == null) {
            message.set("The server refused the login to " + folder + ": set " + dev.loupe.project.TeamServer.PASSWORD_VARIABLE
                    + " or add the password to ~/.pgpass");
            return;
        }
        dev.loupe.project.TeamServer server = dev.loupe.project.TeamServer.of(folder);
        dialogs.askPassword("Open team project", "Password of " + server.user() + " on " + server.url())
                .ifPresentOrElse(password -> openProject(folder, () -> Project.openTeamProject(folder, password), then),
                        () -> status.set("Not opened: " + folder));
    }

    /** Imports folders, files or URLs into the selected dataset (or one named after the first folder). */
    public void importPaths(List<Path> paths) {
        Project p = project.get();
        if (p == null || paths.isEmpty()) {
            return;
        }
        DatasetEntry selected = selectedDataset.get();
        String dataset = selected != null ? selected.dataset().name() : datasetNameFor(paths.get(0));
        List<String> args = paths.stream().map(Path::toString).toList();
        jobs.submit("Import into " + dataset, ctx -> {
            List<ImportCandidate> candidates = ImportSources.fromArguments(args);
            UrlFetcher fetcher = new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(500));
            return new ImportImagesJob(p.store(), dataset, candidates, fetcher)
                    .run(new LiveContext(ctx, () -> Platform.runLater(this::liveRefresh)));
        }, report -> {
            message.set(String.format("Imported %d images into %s (%d already there, %d duplicates, %d skipped)",
                    report.imported(), dataset, report.alreadyImported(), report.duplicates(), report.skipped().size()));
            refreshDatasets(dataset);
            p.store().findDataset(dataset).ifPresent(d -> jobs.submit("Thumbnails for " + dataset,
                    new ThumbnailJob(p.store(), thumbnails(p), d.id()), made -> { }));
        });
        lastLiveRefresh = 0;
    }

    /** Imports annotation files into a task; the report lands in the status bar. */
    public void importAnnotations(AnnotationImportRequest request) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        jobs.submit("Import " + request.format().name() + " into " + request.task(),
                new ImportAnnotationsJob(p.store(), request), report -> {
                    message.set(String.format("Stored %,d boxes (%,d crowd) in task %s on %,d images; %,d set aside "
                                    + "(unknown images), %,d dropped, %,d images without annotations%s",
                            report.stored(), report.crowd(), request.task(), report.images(), report.unmatchedBoxes(),
                            report.droppedBoxes(), report.imagesWithoutAnnotation(), report.alreadyImported() == 0 ? ""
                                    : String.format("; %,d left out, already stored by an earlier import",
                                    report.alreadyImported())));
                    refreshDatasets(null);
                });
    }

    /** Asks for a metadata file (CSV or JSON, keyed by image or box) and adds it as a layer of the dataset. */
    public void importMetadata() {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null || dialogs == null) {
            return;
        }
        dialogs.chooseFile("Add a metadata layer (CSV or JSON)", List.of("csv", "json")).ifPresent(file ->
                importMetadata(file));
    }

    /** Adds a metadata layer from this file to the selected dataset; the report lands in the status bar. */
    public void importMetadata(Path file) {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        jobs.submit("Metadata from " + file.getFileName(), ctx -> MetadataImport.run(p.store(), ds.dataset().name(), file),
                r -> message.set(String.format("Stored %,d values of %s from %s%s", r.values(),
                        String.join(", ", r.fields()), file.getFileName(), r.unknownImages().isEmpty() ? ""
                                : String.format("; %,d rows name images or boxes not in the dataset (first: %s)",
                                r.unknownImages().size(), r.unknownImages().get(0)))));
    }

    /** Exports boxes to a folder in one format. */
    public void export(ExportRequest request) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        jobs.submit("Export " + request.format().name(), new ExportAnnotationsJob(p.store(), request),
                report -> message.set(String.format("Exported %,d images with %,d boxes to %s%s", report.images(),
                        report.boxes(), request.outDir(), report.crowdLeftOut() > 0
                                ? " (" + report.crowdLeftOut() + " crowd regions left out)" : "")));
    }

    /** Loads a detector and runs it over the selected dataset, in one background job. */
    public void preannotate(String model, Path modelsDir, String task, java.util.Set<String> classes, Double score) {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        jobs.submit("Pre-annotate with " + model, ctx -> {
            ctx.message("loading " + model);
            try (Detector detector = Detectors.load(model, modelsDir,
                    new Detectors.DetectorConfigOverrides(score, null, null, null, null, classes), bytes -> ctx.message(
                            String.format("downloading %s: %,d KB", model, bytes / 1024)))) {
                return new PreannotateJob(p.store(), detector, new PreannotateRequest(ds.dataset().name(), task, classes,
                        null, null, 0)).run(new LiveContext(ctx, () -> Platform.runLater(this::liveRefresh)));
            }
        }, report -> {
            message.set(String.format("%s: %,d images at %.1f images/s, %,d boxes in task %s%s", model, report.images(),
                    report.imagesPerSecond(), report.boxes(), task, report.skipped().isEmpty() ? ""
                            : ", " + report.skipped().size() + " images skipped"));
            refreshDatasets(null);
            loadSelectedBoxes(gallery.selectedItemProperty().get());
        });
    }

    /** Evaluates prediction tasks against a ground-truth task as a job; the result opens in its own view. */
    public void evaluate(String gt, java.util.List<String> preds, java.util.Set<String> classes,
                         dev.loupe.eval.ImageScope scope, java.util.function.Consumer<EvaluationViewModel> show) {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        jobs.submit("Evaluate " + String.join(", ", preds), ctx -> EvaluationViewModel.compute(p.store(),
                ds.dataset().name(), gt, preds, classes, scope), result -> {
            var first = result.results().values().iterator().next();
            message.set(String.format("%s vs %s: AP50 %.3f, mAP %.3f on %d images", preds.get(0), gt, first.ap50(),
                    first.map(), first.images()));
            show.accept(result);
        });
    }

    /**
     * Runs consensus over the selected dataset's annotator tasks into {@code outTask}; the agreement view's model goes
     * to {@code show} once it is done.
     */
    public void consensus(java.util.List<dev.loupe.consensus.ConsensusRequest.Annotator> annotators, String outTask,
                          dev.loupe.consensus.ConsensusConfig config,
                          String truth, Double routeBelow,
                          java.util.function.Consumer<dev.loupe.ui.consensus.AgreementViewModel> show) {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        var request = new dev.loupe.consensus.ConsensusRequest(ds.dataset().name(), annotators, outTask, truth, config,
                routeBelow, userName());
        jobs.submit("Consensus into " + outTask, ctx -> {
            var report = new dev.loupe.consensus.ConsensusJob(p.store(), request).run(ctx);
            return dev.loupe.ui.consensus.AgreementViewModel.of(p.store(), request, report);
        }, result -> {
            message.set(result.summary());
            refreshDatasets(ds.dataset().name());
            show.accept(result);
        });
    }

    /** A clip as the gallery shows it: its name and its imported frames, in order. */
    public record Clip(String name, long[] frames) {
    }

    /** The clip whose tile is at {@code index} of these gallery ids, if that tile is a clip's. */
    public java.util.Optional<Clip> clipAt(long[] ids, int index) {
        Project p = project.get();
        if (p == null || index < 0 || index >= ids.length) {
            return java.util.Optional.empty();
        }
        return p.store().image(ids[index]).filter(dev.loupe.core.ImageItem::isFrame)
                .flatMap(im -> p.store().video(im.videoId()))
                .map(v -> new Clip(v.fileName(), p.store().frames(v.id())));
    }

    /** The people who have annotation work in a task (its assignees), in name order. */
    public java.util.List<String> assigneesOf(String taskName) {
        Project p = project.get();
        if (p == null) {
            return java.util.List.of();
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        p.store().tasks().stream().filter(t -> t.name().equals(taskName)).forEach(t -> ids.add(t.id()));
        return p.store().workloads().stream().filter(w -> w.stageId() == 0 && ids.contains(w.taskId()))
                .map(dev.loupe.core.Workload::assignee).distinct().sorted().toList();
    }

    /** The models a user can pick, with the models folder from the environment. */
    public java.util.List<ModelDescriptor> models() {
        try {
            return ModelCatalog.load(WeightsResolver.modelsDir(null)).all();
        } catch (ModelException e) {
            message.set(e.getMessage());
            return java.util.List.of();
        }
    }

    /** Predictions below this score stay out of the gallery's preview (the shipped models' default threshold). */
    static final double PREVIEW_MIN_SCORE = 0.3;

    private void loadSelectedBoxes(ImageItem item) {
        Project p = project.get();
        if (p == null || item == null) {
            selectedBoxes.clear();
            return;
        }
        background(() -> {
            java.util.Map<Long, String> names = new java.util.HashMap<>();
            p.store().labels().forEach(l -> names.put(l.id(), l.name()));
            java.util.Set<Long> evaluationRuns = dev.loupe.core.Task.evaluationCacheIds(p.store().tasks());
            // the preview shows annotations: not evaluation runs, not predictions too weak to pre-annotate with
            return p.store().boxes(item.id()).stream().filter(b -> !evaluationRuns.contains(b.taskId())
                    && (!b.hasScore() || b.score() >= PREVIEW_MIN_SCORE)).map(b -> new BoxOverlay(
                    names.get(b.labelId()) + (b.hasScore() ? String.format(" %.2f", b.score()) : ""),
                    b.x(), b.y(), b.w(), b.h(), b.source(), b.status(), b.crowd())).toList();
        }, boxes -> {
            if (item.equals(gallery.selectedItemProperty().get())) {
                selectedBoxes.setAll(boxes);
            }
        });
    }

    /** Boxes of the selected image, for the preview. */
    public ObservableList<BoxOverlay> selectedBoxes() {
        return selectedBoxes;
    }

    /** Who works here: on a team project the person's user name on the server, else the workspace's user. */
    public String userName() {
        Project p = project.get();
        return p == null ? workspace.settings().userName()
                : p.store().login().orElseGet(() -> workspace.settings().userName());
    }

    /**
     * Whether the person may run the project (import, pre-annotate, explore, cluster, retrain); on a team project only
     * admins may, and the window shows them nothing they cannot do.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty administersProperty() {
        return administers.getReadOnlyProperty();
    }

    public java.util.List<dev.loupe.core.Task> tasks() {
        Project p = project.get();
        return p == null ? java.util.List.of() : p.store().tasks();
    }

    /** While an import runs, show what has landed at most once a second. */
    private void liveRefresh() {
        long now = System.currentTimeMillis();
        if (now - lastLiveRefresh > 1000) {
            lastLiveRefresh = now;
            refreshDatasets(selectedDataset.get() == null ? null : selectedDataset.get().dataset().name());
        }
    }

    /** Passes reports on and pings {@code onProgress}, so the gallery fills while an import runs. */
    private record LiveContext(JobContext inner, Runnable onProgress) implements JobContext {
        @Override
        public void progress(long done, long total) {
            inner.progress(done, total);
            onProgress.run();
        }

        @Override
        public void message(String text) {
            inner.message(text);
        }

        @Override
        public void problem(String item, String reason) {
            inner.problem(item, reason);
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }
    }

    private static String datasetNameFor(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name == null ? "images" : name.toString();
    }

    /** What the dataset list shows after a refresh. */
    private record Listing(List<DatasetEntry> datasets, List<Label> labels) {
    }

    /** Reloads the dataset list, then selects {@code select} (by name) or keeps the current one. */
    public void refreshDatasets(String select) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        background(() -> {
            List<DatasetEntry> out = new ArrayList<>();
            p.store().datasets().forEach(d -> out.add(new DatasetEntry(d, p.store().countImages(ImageFilter.all(d.id())))));
            return new Listing(out, p.store().labels());
        }, listing -> {
            DatasetEntry current = selectedDataset.get();
            String wanted = select != null ? select : current == null ? null : current.dataset().name();
            datasets.setAll(listing.datasets());
            labels.setAll(listing.labels());
            DatasetEntry pick = listing.datasets().stream().filter(d -> d.dataset().name().equals(wanted)).findFirst()
                    .orElse(listing.datasets().isEmpty() ? null : listing.datasets().get(0));
            if (pick != null && current != null && pick.dataset().id() == current.dataset().id()) {
                selectedDataset.set(pick);
                reloadGallery();
            } else {
                selectedDataset.set(pick);
            }
            if (pick == null) {
                gallery.show(new long[0]);
                status.set(p.folder() + " · no images yet");
            }
        });
    }

    private void reloadGallery() {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        Label label = labelFilter.get();
        ImageFilter filter = new ImageFilter(ds.dataset().id(), statusFilter.get(),
                label == null ? null : label.id(), sourceFilter.get()).withClipsAsOne();
        background(() -> new GalleryPage(p.store().imageIds(filter), p.store().videos(ds.dataset().id()).size()), page -> {
            long[] ids = page.ids();
            gallery.show(ids);
            galleryShown = String.format("%s · %,d of %,d images%s", ds.dataset().name(), ids.length, ds.images(),
                    page.clips() == 0 ? "" : page.clips() == 1 ? " (a clip's frames as one tile)"
                            : " (each clip's frames as one tile)");
            status.set(galleryShown);
            // Box counts scan every box of the dataset: fetched after the gallery is up, not before.
            showBoxCounts(p, ds);
        });
    }

    /** The images the gallery shows, and how many clips stand as one tile among them. */
    private record GalleryPage(long[] ids, int clips) {
    }

    private void showBoxCounts(Project p, DatasetEntry ds) {
        String shown = galleryShown;
        background(() -> p.store().summary(ds.dataset().id()), summary -> {
            if (selectedDataset.get() == ds && shown.equals(galleryShown)) {
                status.set(shown + String.format(" · %,d boxes (%,d pending, %,d accepted, %,d rejected)",
                        summary.boxes(), summary.boxesByStatus().get(ReviewStatus.PENDING),
                        summary.boxesByStatus().get(ReviewStatus.ACCEPTED),
                        summary.boxesByStatus().get(ReviewStatus.REJECTED)));
            }
        });
    }

    /**
     * On a team project, someone else changed boxes: the counts are read again once the burst settles (300 ms after
     * the first change; changes meanwhile are in what that read sees).
     */
    private void othersChanged() {
        if (countsPending) {
            return;
        }
        countsPending = true;
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
        settle.setOnFinished(e -> {
            countsPending = false;
            Project p = project.get();
            DatasetEntry ds = selectedDataset.get();
            if (p != null && ds != null && galleryShown != null) {
                showBoxCounts(p, ds);
                loadSelectedBoxes(gallery.selectedItemProperty().get());
            }
        });
        settle.play();
    }

    private <T> void background(Supplier<T> work, java.util.function.Consumer<T> onFx) {
        if (io.isShutdown()) {
            return; // the main window is closing; a window closing with it may still ask for a refresh
        }
        io.execute(() -> {
            try {
                T value = work.get();
                Platform.runLater(() -> onFx.accept(value));
            } catch (RuntimeException e) {
                LOG.error("background work failed", e);
                Platform.runLater(() -> {
                    message.set(e.getMessage());
                    if (dialogs != null) {
                        dialogs.showError("Loupe could not do that", e.getMessage());
                    }
                });
            }
        });
    }

    /** Asks for a project folder and opens it; false when the user cancels. */
    public boolean chooseAndOpenProject() {
        java.util.Optional<Path> folder = chooseFolder("Open or create a project folder", workspace.folder());
        folder.ifPresent(this::openProject);
        return folder.isPresent();
    }

    public Path defaultProject() {
        return workspace.defaultProject();
    }

    /** The project a normal start opens: the most recent one, else the default project. */
    public Path startProject() {
        return workspace.startProject();
    }

    public void chooseAndImportFolder() {
        chooseFolder("Import images from a folder", null).ifPresent(f -> importPaths(List.of(f)));
    }

    /** The folder the user picks; none when cancelled or when no dialogs are set (a view model under test). */
    private java.util.Optional<Path> chooseFolder(String title, Path initial) {
        return dialogs == null ? java.util.Optional.empty() : dialogs.chooseFolder(title, initial);
    }

    public void clearFilters() {
        statusFilter.set(null);
        sourceFilter.set(null);
        labelFilter.set(null);
        reloadGallery();
    }

    /** Shows only these images (a selection made in Explore) until the filters change or are cleared. */
    public void showOnly(long[] imageIds) {
        long[] sorted = imageIds.clone();
        java.util.Arrays.sort(sorted);
        showList(sorted, String.format("%,d images selected in Explore", sorted.length));
    }

    /** Shows these images in this order (a curation list) until the filters change or are cleared. */
    public void showList(long[] imageIds, String description) {
        gallery.show(imageIds);
        status.set(description + " · Clear filters shows them all");
    }

    /** The gallery's curation lists: likely mistakes and near-duplicates. */
    public CurationLists curation() {
        return curation;
    }

    /** Asks where to save a file (nothing when no dialogs are set, as in tests). */
    public java.util.Optional<java.nio.file.Path> chooseSaveFile(String suggestedName) {
        return dialogs == null ? java.util.Optional.empty() : dialogs.chooseSaveFile("Save as", suggestedName);
    }

    /** The retraining view model of the selected dataset (models from the configured models folder). */
    public RetrainViewModel retrain() {
        return new RetrainViewModel(project.get(), selectedDataset.get().dataset().name(), jobs,
                WeightsResolver.modelsDir(null), () -> refreshDatasets(null));
    }

    /** Loads the dataset's latest clustering as a job; the result opens in the cluster view. */
    public void clusters(java.util.function.Consumer<ClusterViewModel> show) {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        String name = ds.dataset().name();
        jobs.submit("Clusters of " + name, ctx -> ClusterViewModel.load(p, name),
                state -> show.accept(new ClusterViewModel(p, name, jobs, state)));
    }

    /** Computes (where missing) and loads the dataset's metrics as a job; the result opens in its view. */
    public void explore(java.util.function.Consumer<ExploreViewModel> show) {
        Project p = project.get();
        DatasetEntry ds = selectedDataset.get();
        if (p == null || ds == null) {
            return;
        }
        jobs.submit("Metrics of " + ds.dataset().name(), ctx -> ExploreViewModel.load(p.store(), ds.dataset().name(), ctx),
                show::accept);
    }

    /**
     * For a team project: who the person is on the server and where its images come from (every desktop reads them
     * at the paths they were imported from: a shared folder mounted alike everywhere); empty for a local project.
     */
    public javafx.beans.value.ObservableStringValue whereProperty() {
        return where;
    }

    /** The person's next open work (see {@link WorkQueues}), read off the FX thread; a message when there is none. */
    public void myWork(java.util.function.Consumer<WorkQueues.Batch> open) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        String person = userName();
        background(() -> new WorkQueues(p.store()).next(person), next -> next.ifPresentOrElse(open,
                () -> message.set("Nothing assigned to " + person + " is open")));
    }

    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ObservableList<DatasetEntry> datasets() {
        return datasets;
    }

    public ObjectProperty<DatasetEntry> selectedDatasetProperty() {
        return selectedDataset;
    }

    public ObservableList<Label> labels() {
        return labels;
    }

    public ObjectProperty<ReviewStatus> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<Source> sourceFilterProperty() {
        return sourceFilter;
    }

    public ObjectProperty<Label> labelFilterProperty() {
        return labelFilter;
    }

    public ObservableList<Path> recentProjects() {
        return recentProjects;
    }

    /** What the shown dataset holds. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The outcome of the last finished job (import, export), or a problem. */
    public StringProperty messageProperty() {
        return message;
    }

    public GalleryViewModel gallery() {
        return gallery;
    }

    public FxJobs jobs() {
        return jobs;
    }

    public ImageItem selectedImage() {
        return gallery.selectedItemProperty().get();
    }

    @Override
    public void close() {
        gallery.setLoader(null);
        teamChanges.close();
        Project p = project.get();
        if (p != null) {
            io.execute(p::close);
        }
        io.shutdown();
    }
}
