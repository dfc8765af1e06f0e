package dev.loupe.formats;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Split;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Annotation files read and matched to a dataset's images, boxes clipped to them, nothing stored: what an
 * import stores, and what an evaluation straight from files measures.
 *
 * @param covered     dataset images the files mention (with or without boxes)
 * @param sides       the split the layout gives, for the images it matched (image id to side)
 * @param categoryIds the COCO category ids the files give their class names
 */
public record PlacedAnnotations(List<PlacedBox> boxes, Set<Long> covered, int unmatchedBoxes, Set<String> unmatchedImages,
                                int imagesWithoutAnnotation, int droppedBoxes, List<String> warnings,
                                Map<Long, Split> sides, Map<String, Integer> categoryIds) {

    public static PlacedAnnotations resolve(ProjectStore store, String datasetName, AnnotationFormat format,
                                            List<Path> inputs, ReadOptions options, UnknownLabels unknownLabels,
                                            JobContext ctx) throws AnnotationFormatException {
        ctx.message("reading " + format.name() + " files");
        ParsedAnnotations parsed = format.read(inputs, options);
        ctx.checkCancelled();
        Dataset dataset = store.findDataset(datasetName).orElseThrow(() -> new AnnotationFormatException(
                "no dataset '" + datasetName + "' in this project (import its images first)"));
        List<ImageItem> images = allImages(store, dataset.id());
        ImageFinder finder = new ImageFinder(images, store.imageAliases(dataset.id()));
        Set<String> knownLabels = new HashSet<>();
        store.labels().forEach(l -> knownLabels.add(l.name()));

        List<PlacedBox> placed = new ArrayList<>(parsed.boxes().size());
        Set<Long> covered = new LinkedHashSet<>();
        Set<String> unmatched = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>(parsed.warnings());
        int unmatchedBoxes = 0;
        int dropped = 0;
        for (ImageRef ref : parsed.imagesWithoutBoxes()) {
            ImageItem im = finder.find(ref, warnings);
            if (im != null) {
                covered.add(im.id());
            } else {
                unmatched.add(ref.name());
            }
        }
        int done = 0;
        for (ParsedBox parsedBox : parsed.boxes()) {
            if (++done % 10_000 == 0) {
                ctx.checkCancelled();
                ctx.progress(done, parsed.boxes().size());
            }
            ParsedBox b = withKnownSpelling(parsedBox, knownLabels);
            if (!dev.loupe.core.Label.isPlainName(b.label())) {
                // a newline or tab in a class name breaks every line-based format it is exported to
                throw new AnnotationFormatException(b.where() + ": class name '" + dev.loupe.core.Label.printable(b.label())
                        + "' is empty or holds a control character (newline, tab ...); expected a plain name");
            }
            if (unknownLabels == UnknownLabels.REJECT && !knownLabels.contains(b.label())) {
                throw new AnnotationFormatException(b.where() + ": unknown class '" + b.label()
                        + "' (expected one of the project's labels " + new java.util.TreeSet<>(knownLabels)
                        + "; import with unknown classes added to accept it)");
            }
            ImageItem im = finder.find(b.image(), warnings);
            if (im == null) {
                unmatchedBoxes++;
                unmatched.add(b.image().name());
                continue;
            }
            covered.add(im.id());
            PlacedBox p = BoxClipper.place(b, im, warnings);
            if (p == null) {
                dropped++;
            } else {
                placed.add(p);
            }
        }
        int without = (int) images.stream().filter(im -> !covered.contains(im.id())).count();
        Map<Long, Split> sides = new HashMap<>();
        parsed.sides().forEach((ref, side) -> {
            ImageItem im = finder.find(ref, warnings);
            if (im != null) {
                sides.put(im.id(), side);
            }
        });
        return new PlacedAnnotations(placed, covered, unmatchedBoxes, unmatched, without, dropped, warnings, sides,
                parsed.categoryIds());
    }

    /**
     * Formats without spaces in class names (KITTI) write "potted plant" as "potted_plant": such a name takes
     * the project's spaced label when the project has that one and not the underscored one.
     */
    private static ParsedBox withKnownSpelling(ParsedBox b, Set<String> knownLabels) {
        String spaced = b.label().replace('_', ' ');
        if (knownLabels.contains(b.label()) || !knownLabels.contains(spaced)) {
            return b;
        }
        return b.withLabel(spaced);
    }

    private static List<ImageItem> allImages(ProjectStore store, long datasetId) {
        List<ImageItem> out = new ArrayList<>();
        ImageFilter all = ImageFilter.all(datasetId);
        List<ImageItem> page;
        long after = 0;
        while (!(page = store.imagePage(all, after, 5000)).isEmpty()) {
            out.addAll(page);
            after = page.get(page.size() - 1).id();
        }
        return out;
    }
}
