package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ClusterRun;
import dev.loupe.core.Split;
import dev.loupe.core.ImageMetrics;
import dev.loupe.core.MetadataValue;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Comment;
import dev.loupe.core.Dataset;
import dev.loupe.core.DatasetSummary;
import dev.loupe.core.ImageAlias;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.StageImage;
import dev.loupe.core.Task;
import dev.loupe.core.Video;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a project holds. Implementations are safe for use from several threads; each call that
 * writes is atomic, and batch calls are atomic as a whole.
 *
 * <p>Paged queries use keyset paging: pass the last id of the previous page (0 for the first page).
 */
public interface ProjectStore extends AutoCloseable {

    /** A job's entry in the project's register of running writers; closing it removes the entry. */
    interface RunningJob extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Registers {@code job} (what the user would recognise: "import-images into dataset 'x'") as writing to the
     * project until the returned entry is closed; another process kept waiting for the project names it.
     */
    RunningJob announce(String job);

    /**
     * Calls {@code imageChanged} (on a thread of the store's) with the id of every image whose boxes another desktop
     * changes, until the returned handle is closed. A team project's server tells every desktop; a local project has
     * one desk, whose own edits the caller already knows, so it calls nothing.
     */
    RunningJob watch(java.util.function.LongConsumer imageChanged);

    /**
     * The review edits this desktop keeps for a team project's server that cannot be reached now (they are sent, in
     * order, once it is back); empty on a local project.
     */
    OutboxStatus outboxStatus();

    /** Calls {@code listener} (on a thread of the store's) whenever {@link #outboxStatus} changes, until closed. */
    RunningJob watchOutbox(java.util.function.Consumer<OutboxStatus> listener);

    /**
     * Whether this person may run the project: import, delete, pre-annotate, compute metrics, augment, split, train
     * and assign work (on a team project, admins; locally, anyone).
     */
    boolean mayAdminister();

    /** Whether this person may accept or reject boxes (on a team project, reviewers and admins; locally, anyone). */
    boolean mayJudgeBoxes();

    // datasets
    Dataset createDataset(String name);

    /** The dataset of this name, created if missing; safe when another process creates it at the same moment. */
    Dataset dataset(String name);

    Optional<Dataset> findDataset(String name);

    /** The dataset of this name, or an error that names it. */
    default Dataset requireDataset(String name) {
        return findDataset(name).orElseThrow(() ->
                new IllegalArgumentException("no dataset '" + name + "' in this project"));
    }

    List<Dataset> datasets();

    /** Each label's name by its id. */
    default Map<Long, String> labelNames() {
        Map<Long, String> out = new HashMap<>();
        for (Label l : labels()) {
            out.put(l.id(), l.name());
        }
        return out;
    }

    /** The task of this name, or an error that names it and the tasks there are. */
    default Task requireTask(String name) {
        List<Task> tasks = tasks();
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no task '" + name + "' in this project (tasks: "
                        + tasks.stream().map(Task::name).toList() + ")"));
    }

    // images
    /** Adds images in one transaction and returns their ids in the same order. */
    long[] addImages(long datasetId, List<NewImage> images);

    /**
     * Adds, in one transaction, the images whose content the dataset does not hold yet (another process may have
     * added some since this one looked) and returns how many it added.
     */
    int addMissingImages(long datasetId, List<NewImage> images);

    /**
     * Records files skipped as byte-identical duplicates (path, name in the dataset, content hash): each becomes an
     * alias of the dataset's image with that content. Files already recorded are left as they are.
     */
    void addImageAliases(long datasetId, List<NewImage> duplicates);

    /** The duplicates recorded for a dataset, each with the image it duplicates. */
    List<ImageAlias> imageAliases(long datasetId);

    Optional<ImageItem> image(long imageId);

    /** Adds a clip to a dataset (its frames are added as images that point to it); one already there is returned. */
    Video addVideo(Video video);

    /** The dataset's clips, in the order they were imported. */
    List<Video> videos(long datasetId);

    Optional<Video> video(long videoId);

    /** A clip's imported frames (image ids), in frame order. */
    long[] frames(long videoId);

    /** Replaces a task's tracks in a clip with these (each track's id is its number within the clip and task). */
    void saveTracks(long videoId, long taskId, List<dev.loupe.core.Track> tracks);

    /** A task's tracks in a clip, by number. */
    List<dev.loupe.core.Track> tracks(long videoId, long taskId);

    /** How this desktop reads the images' bytes: where they were imported from, or from the team project's server. */
    ImageBytes imageBytes();

    /**
     * On a team project that holds no images yet, chooses whether its images are stored on the server (the default) or
     * read by every desktop from the shared folder they are imported from; refused once images are stored.
     */
    void keepImagesOnServer(boolean onServer);

    /** The images with these ids, in the order given; unknown ids are left out. */
    List<ImageItem> images(long[] imageIds);

    List<ImageItem> imagePage(ImageFilter filter, long afterId, int limit);

    /** Ids of every image that matches, ascending: cheap enough to hold for a 100k-image gallery. */
    long[] imageIds(ImageFilter filter);

    long countImages(ImageFilter filter);

    /** Paths of the images of a dataset (for resuming an import without re-reading files). */
    Set<String> imagePaths(long datasetId);

    /** Content hashes of the images of a dataset (for skipping duplicates). */
    Set<String> imageHashes(long datasetId);

    // labels and tasks
    Label label(String name);

    List<Label> labels();

    /**
     * Remembers the COCO category id each label came with (label name → id), for labels that have none yet and ids
     * no other label holds: a COCO export writes them back.
     */
    void rememberCocoIds(Map<String, Integer> idsByLabel);

    /** Label name → the COCO category id it came with, for the labels that have one. */
    Map<String, Integer> cocoIds();

    Task task(String name, String description);

    /**
     * Of these images (id → a hash of the boxes an annotation file gives that image), those whose very boxes an
     * earlier import already stored in the task.
     */
    Set<Long> alreadyImported(long taskId, Map<Long, Long> boxSetByImage);

    /**
     * Records that these images' boxes (id → hash, as for {@link #alreadyImported}) are stored in the task; with
     * {@code replacing}, what was recorded for those images before is forgotten (their boxes were replaced).
     */
    void recordImported(long taskId, Map<Long, Long> boxSetByImage, boolean replacing);

    List<Task> tasks();

    // boxes
    long[] addBoxes(List<NewBox> boxes);

    List<Box> boxes(long imageId);

    List<Box> boxPage(BoxQuery query, long afterId, int limit);

    long countBoxes(BoxQuery query);

    void setStatus(long boxId, ReviewStatus status, String author);

    /** Records that a model (by its key) has run on these images for a task. */
    void markInferred(long taskId, String modelKey, long[] imageIds);

    /** Images a model has already run on for a task. */
    Set<Long> inferredImages(long taskId, String modelKey);

    /** Writes a box's geometry, label, source, origin, status and author (an edit in review). */
    /**
     * Stores an edit of a box (read at {@code box.version()}) and returns it as stored, at its new version; an edit of
     * a box someone changed since is refused with a {@link StaleEditException} that carries the box as it is now.
     */
    Box updateBox(Box box);

    /** Deletes one box (and its comments). */
    void deleteBox(long boxId);

    /** Puts back a deleted box under its old id (undo of a delete). */
    void restoreBox(Box box);

    /** Marks an image done (or not) for a task in review. */
    void setImageDone(long imageId, long taskId, boolean done, String author);

    boolean isImageDone(long imageId, long taskId);

    /** The images marked done for a task. */
    Set<Long> doneImages(long taskId);

    /**
     * Images with at least one box of the task, optionally only with a box of one label, by one author, or
     * changed within [since, until] (epoch ms; null bounds are open). Ascending ids.
     */
    long[] imagesOfTask(long taskId, Long labelId, String author, Long since, Long until);

    /** Creates a review stage holding the given sampled images. */
    ReviewStage createStage(ReviewStage stage, long[] imageIds);

    List<ReviewStage> stages(long taskId);

    List<StageImage> stageImages(long stageId);

    /** Records a reviewer's verdict (ACCEPTED or REJECTED) on a sampled image. */
    void setVerdict(long stageId, long imageId, ReviewStatus verdict, String reviewer);

    /** Caches image metrics; each holds while the image's content is unchanged. */
    void saveImageMetrics(List<ImageMetrics> metrics);

    /** Caches box metrics; each holds until the box is next edited. */
    void saveBoxMetrics(List<BoxMetrics> metrics);

    /** Images of the dataset whose cached metrics are current. */
    Set<Long> imagesWithCurrentMetrics(long datasetId);

    /** Boxes of the dataset whose cached metrics are current. */
    Set<Long> boxesWithCurrentMetrics(long datasetId);

    List<ImageMetrics> imageMetrics(long datasetId);

    List<BoxMetrics> boxMetrics(long datasetId);

    /** Stores a clustering run with every box's cluster and position; returns its id. */
    long saveClusterRun(ClusterRun run);

    /** The dataset's most recent clustering run. */
    Optional<ClusterRun> latestClusterRun(long datasetId);

    /** Links images (already added, with their boxes) to the source image and cluster they were augmented from. */
    void addAugmentedImages(List<AugmentedImage> images);

    /** The dataset's augmented images, by image id. */
    List<AugmentedImage> augmentedImages(long datasetId);

    /** Replaces the dataset's split with this one (image id to side); images not listed are on no side. */
    void saveSplit(long datasetId, Map<Long, Split> sides);

    /** The dataset's split: image id to side (empty when it was never split). */
    Map<Long, Split> split(long datasetId);

    /** Replaces the near-duplicate pairs found in the dataset with these. */
    void saveNearDuplicates(long datasetId, List<NearDuplicate> pairs);

    /** The dataset's near-duplicate pairs, most alike first (empty when they were never looked for). */
    List<NearDuplicate> nearDuplicates(long datasetId);

    /** Stores custom metadata values (replacing earlier values of the same image or box and field). */
    void saveMetadata(List<MetadataValue> values);

    /** Every custom metadata value of the dataset's images and boxes, by image id then box id (0 first). */
    List<MetadataValue> metadata(long datasetId);

    /** Deletes the boxes of a task on these images; returns how many went. */
    int deleteBoxes(long taskId, long[] imageIds);

    /**
     * Runs {@code work} so that everything it writes through this store is stored together or not at all:
     * an exception thrown by {@code work} leaves the project as it was.
     */
    <T> T inTransaction(java.util.function.Supplier<T> work);

    // work queues
    /**
     * Assigns images to a person: to annotate in the task ({@code stageId} 0) or to judge in that review stage; an
     * image assigned before goes to this person instead.
     */
    void assign(long taskId, long stageId, long[] imageIds, String assignee);

    /** Gives the images to one more person, beside those who have them (independent annotations of one image). */
    void assignAlso(long taskId, long stageId, long[] imageIds, String assignee);

    /** The images of a task's annotation work that at least two of these people have (an overlap), ascending. */
    long[] sharedImages(long taskId, java.util.Collection<String> people);

    /** Who has an image's piece of work, and who of them has marked it done. */
    List<dev.loupe.core.Assignment> assignees(long taskId, long stageId, long imageId);

    /** Records images with known truth (in {@code truthTaskId}) hidden among a task's work (admins only). */
    void plantHoneypots(long taskId, long truthTaskId, long[] imageIds);

    /** A task's honeypot images, each with its truth task. */
    Map<Long, Long> honeypots(long taskId);

    /** Images already assigned to someone for this piece of work. */
    Set<Long> assignedImages(long taskId, long stageId);

    /** A task's boxes on the images with ids in [fromImageId, toImageId], by image then id: a window of a dataset. */
    List<Box> taskBoxes(long taskId, long fromImageId, long toImageId);

    /** Records which boxes each merged box was made from ({@code sources[i]} for {@code mergedBoxIds[i]}). */
    void saveConsensusSources(long[] mergedBoxIds, long[][] sources);

    /** The boxes a merged box was made from (empty for any other box). */
    long[] consensusSources(long mergedBoxId);

    /** The sources of a task's merged boxes on the images with ids in [fromImageId, toImageId], by merged box. */
    Map<Long, long[]> consensusSources(long taskId, long fromImageId, long toImageId);

    /** The person's assigned images not finished yet, by task, stage and image. */
    List<dev.loupe.core.WorkItem> openWork(String assignee);

    /** Every person's share of every piece of work, with what is still open. */
    List<dev.loupe.core.Workload> workloads();

    /** On a team project, the database role this desktop works as (what the server records); empty locally. */
    Optional<String> login();

    // comments
    Comment addComment(long imageId, Long boxId, String author, String text);

    List<Comment> comments(long imageId);

    // summaries
    DatasetSummary summary(long datasetId);

    int schemaVersion();

    @Override
    void close();
}
