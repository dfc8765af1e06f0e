package dev.loupe.formats;

import java.util.List;
import java.util.Map;

/**
 * What an annotation import stored and what it set aside.
 *
 * @param stored                  boxes stored (crowd regions included)
 * @param crowd                   of those, crowd regions
 * @param replaced                boxes of the task removed first (overwrite)
 * @param images                  dataset images the files covered
 * @param perLabel                stored boxes by label
 * @param alreadyImported         boxes not stored again: an earlier run of the same import into the task stored them
 * @param split                   images the layout put on each side of the split (VOC ImageSets, train / val folders)
 * @param unmatchedBoxes          boxes whose image is not in the dataset (or is ambiguous)
 * @param unmatchedImages         those images' names, the first few
 * @param imagesWithoutAnnotation dataset images the files do not mention
 * @param droppedBoxes            boxes left out: empty, or nothing left inside the image
 * @param warnings                clipped and dropped boxes with their file and line, the first few
 */
public record AnnotationImportReport(int stored, int crowd, int replaced, int images, Map<String, Integer> perLabel,
                                     int alreadyImported, Map<dev.loupe.core.Split, Integer> split, int unmatchedBoxes, List<String> unmatchedImages, int imagesWithoutAnnotation,
                                     int droppedBoxes, List<String> warnings) {
}
