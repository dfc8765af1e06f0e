package dev.loupe.ui.consensus;

import dev.loupe.consensus.ConsensusReport;
import dev.loupe.consensus.ConsensusRequest;
import dev.loupe.core.Box;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Task;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ProjectStore;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A consensus run for the agreement view: its report, the images with the least agreement (named), and for one image
 * its picture with each annotator's boxes and the merged ones. Built and asked off the FX thread.
 */
public final class AgreementViewModel {
    /** How many of the least agreeing images the view lists. */
    static final int LISTED = 1000;

    /** An image in the list: least agreement first. */
    public record ImageRow(long imageId, String fileName, float f1) {
        @Override
        public String toString() {
            return String.format("%.2f  %s", f1, fileName);
        }
    }

    /** One side's boxes on the image: an annotator's, or the merged truth's (name "merged"). */
    public record Side(String name, List<Box> boxes) {
    }

    /** An image decoded, with every side's boxes on it. */
    public record ImageSides(ImageItem image, BufferedImage picture, List<Side> sides) {
    }

    private final ProjectStore store;
    private final ConsensusRequest request;
    private final ConsensusReport report;
    private final long[] taskIds;
    private final long mergedTask;
    private final Map<Long, String> labels = new HashMap<>();
    private final List<ImageRow> lowest = new ArrayList<>();

    private AgreementViewModel(ProjectStore store, ConsensusRequest request, ConsensusReport report) {
        this.store = store;
        this.request = request;
        this.report = report;
        Map<String, Long> tasks = new HashMap<>();
        for (Task t : store.tasks()) {
            tasks.put(t.name(), t.id());
        }
        this.taskIds = request.annotators().stream().mapToLong(a -> tasks.get(a.task())).toArray();
        this.mergedTask = tasks.get(request.outTask());
        labels.putAll(store.labelNames());
        long[] shown = Arrays.copyOf(report.imageIds(), Math.min(LISTED, report.imageIds().length));
        Map<Long, String> names = new HashMap<>();
        store.images(shown).forEach(im -> names.put(im.id(), im.fileName()));
        for (int i = 0; i < shown.length; i++) {
            lowest.add(new ImageRow(shown[i], names.getOrDefault(shown[i], "image " + shown[i]), report.imageF1()[i]));
        }
    }

    /** Reads what the view shows; call off the FX thread. */
    public static AgreementViewModel of(ProjectStore store, ConsensusRequest request, ConsensusReport report) {
        return new AgreementViewModel(store, request, report);
    }

    public ConsensusReport report() {
        return report;
    }

    public List<String> annotatorNames() {
        return request.annotators().stream().map(ConsensusRequest.Annotator::name).toList();
    }

    public boolean hasTruth() {
        return request.truthTask() != null;
    }

    public List<ImageRow> lowest() {
        return lowest;
    }

    public long mergedTask() {
        return mergedTask;
    }

    public String labelName(long labelId) {
        return labels.getOrDefault(labelId, "?");
    }

    /** The summary line: overall agreement, what was merged, what went to review. */
    public String summary() {
        return String.format("Agreement F1 %.3f over %,d images · %d annotators · %,d merged boxes in task '%s' "
                        + "(%,d objects below the quorum left out)%s", report.overall().f1(), report.imageIds().length,
                request.annotators().size(), report.mergedBoxes(), request.outTask(), report.belowQuorum(),
                report.routed() > 0 ? String.format(" · %,d images sent to review", report.routed()) : "");
    }

    /** The image with each annotator's boxes and the merged ones; call off the FX thread. */
    public ImageSides sides(long imageId) throws UnreadableImageException {
        ImageItem image = store.image(imageId).orElseThrow(() -> new UnreadableImageException("image " + imageId
                + " is gone"));
        BufferedImage picture = ImageDecoder.decode(store.imageBytes(), image);
        List<Box> all = store.boxes(imageId);
        List<Side> sides = new ArrayList<>();
        for (int i = 0; i < taskIds.length; i++) {
            long task = taskIds[i];
            String author = request.annotators().get(i).author();
            sides.add(new Side(request.annotators().get(i).name(), all.stream().filter(b -> b.taskId() == task
                    && (author == null || author.equals(b.author()))).toList()));
        }
        sides.add(new Side("merged", all.stream().filter(b -> b.taskId() == mergedTask).toList()));
        return new ImageSides(image, picture, sides);
    }
}
