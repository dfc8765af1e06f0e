package dev.loupe.formats;

import dev.loupe.core.ImageAlias;
import dev.loupe.core.ImageItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image an annotation names, trying in turn: the name as given, the annotation file's own stem (a VOC file
 * whose {@code <filename>} names no image), and the files an import skipped as byte-identical duplicates. Each
 * reference is resolved once; a fallback that was needed is said once, in the warnings.
 */
final class ImageFinder {
    private final ImageMatcher images;
    private final ImageMatcher duplicates;
    private final Map<Long, ImageItem> byId = new HashMap<>();
    private final Map<ImageRef, Optional<ImageItem>> resolved = new HashMap<>();

    ImageFinder(List<ImageItem> dataset, List<ImageAlias> aliases) {
        images = new ImageMatcher(dataset);
        dataset.forEach(im -> byId.put(im.id(), im));
        // each skipped file stands in for its kept image under its own path and name
        duplicates = new ImageMatcher(aliases.stream().filter(a -> byId.containsKey(a.imageId())).map(a -> {
            ImageItem kept = byId.get(a.imageId());
            return new ImageItem(kept.id(), kept.datasetId(), a.path(), null, a.relativePath(), kept.widthPx(),
                    kept.heightPx(), kept.orientation(), kept.contentHash(), kept.byteSize(), kept.importedAt());
        }).toList());
    }

    /** The image, or null when nothing (or more than one) fits. */
    ImageItem find(ImageRef ref, List<String> warnings) {
        return resolved.computeIfAbsent(ref, r -> Optional.ofNullable(resolve(r, warnings))).orElse(null);
    }

    private ImageItem resolve(ImageRef ref, List<String> warnings) {
        ImageItem im = images.match(ref);
        if (im != null) {
            return im;
        }
        if (ref.fallbackStem() != null) {
            im = images.match(ImageRef.byStem(ref.fallbackStem(), ref.baseDir()));
            if (im != null) {
                warnings.add("'" + ref.name() + "' names no image of the dataset; its boxes go to " + im.relativePath()
                        + ", named like the annotation file " + ref.fallbackStem());
                return im;
            }
        }
        ImageItem duplicate = duplicates.match(ref);
        if (duplicate != null) {
            ImageItem kept = byId.get(duplicate.id());
            warnings.add("'" + ref.name() + "' was not imported, being byte-identical to " + kept.relativePath()
                    + "; its boxes go to that image");
            return kept;
        }
        return null;
    }
}
