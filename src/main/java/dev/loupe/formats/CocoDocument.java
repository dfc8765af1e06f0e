package dev.loupe.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of one COCO file that matter, in compact arrays: keys may come in any order, so annotations
 * are kept until images and categories are known, then resolved.
 */
final class CocoDocument {
    private final Path file;
    private final Map<Long, ImageRef> images = new HashMap<>();
    private final Map<Long, String> categories = new HashMap<>();
    private long[] annId = new long[1024];
    private long[] annImage = new long[1024];
    private long[] annCategory = new long[1024];
    private double[] annBox = new double[4 * 1024];
    private double[] annScore = new double[1024];
    private double[] annArea = new double[1024];
    private boolean[] annCrowd = new boolean[1024];
    private int[] annLine = new int[1024];
    private int count;

    CocoDocument(Path file) {
        this.file = file;
    }

    AnnotationFormatException error(JsonParser p, String problem) {
        return AnnotationFormatException.at(file, p.currentLocation().getLineNr(), problem);
    }

    private void expectArray(JsonParser p, String field) throws IOException, AnnotationFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(p, "'" + field + "' is " + p.currentToken() + " (expected an array)");
        }
    }

    void readImages(JsonParser p) throws IOException, AnnotationFormatException {
        expectArray(p, "images");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int line = p.currentLocation().getLineNr();
            Long id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "id" -> id = integer(p, "images[].id");
                    case "file_name" -> {
                        if (t != JsonToken.VALUE_STRING) {
                            throw error(p, "images[].file_name is " + t + " (expected a string)");
                        }
                        name = TextFiles.safeImageName(p.getText(), file, p.currentLocation().getLineNr(), "file_name");
                    }
                    default -> p.skipChildren();
                }
            }
            if (id == null || name == null) {
                throw AnnotationFormatException.at(file, line, "image without " + (id == null ? "id" : "file_name"));
            }
            if (images.put(id, ImageRef.byName(name, file.toAbsolutePath().getParent())) != null) {
                throw AnnotationFormatException.at(file, line, "duplicate image id " + id + " (expected unique ids)");
            }
        }
    }

    /** A COCO file that holds no detection boxes (captions, keypoints, panoptic): skipped with its kind. */
    static final class NotDetectionFile extends AnnotationFormatException {
        NotDetectionFile(Path file, String kind) {
            super(file + ": " + kind + ", not detection boxes: skipped");
        }
    }

    /** Category name to the id the file gives it. */
    Map<String, Integer> categoryIds() {
        Map<String, Integer> out = new HashMap<>();
        categories.forEach((id, name) -> out.put(name, id.intValue()));
        return out;
    }

    void readCategories(JsonParser p) throws IOException, AnnotationFormatException {
        expectArray(p, "categories");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int line = p.currentLocation().getLineNr();
            Long id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "id" -> id = integer(p, "categories[].id");
                    case "name" -> name = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            if (id == null || name == null || name.isBlank()) {
                throw AnnotationFormatException.at(file, line, "category without " + (id == null ? "id" : "name"));
            }
            if (categories.put(id, name) != null) {
                throw AnnotationFormatException.at(file, line, "duplicate category id " + id + " (expected unique ids)");
            }
        }
    }

    void readAnnotations(JsonParser p) throws IOException, AnnotationFormatException {
        expectArray(p, "annotations");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            grow();
            int line = p.currentLocation().getLineNr();
            long id = Long.MIN_VALUE;
            long image = Long.MIN_VALUE;
            long category = Long.MIN_VALUE;
            boolean hasBox = false;
            annScore[count] = Double.NaN;
            annArea[count] = Double.NaN;
            annCrowd[count] = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "id" -> id = integer(p, "annotations[].id");
                    case "image_id" -> image = integer(p, "annotations[].image_id");
                    case "category_id" -> category = integer(p, "annotations[].category_id");
                    case "bbox" -> {
                        readBox(p, t);
                        hasBox = true;
                    }
                    case "caption" -> throw new NotDetectionFile(file, "captions");
                    case "segments_info" -> throw new NotDetectionFile(file, "panoptic segments");
                    case "num_keypoints" -> throw new NotDetectionFile(file,
                            "keypoints (their person boxes repeat the instances file's)");
                    case "score" -> annScore[count] = number(p, "annotations[].score");
                    case "area" -> annArea[count] = t == JsonToken.VALUE_NULL ? Double.NaN
                            : positiveOrNaN(number(p, "annotations[].area"));
                    case "iscrowd" -> annCrowd[count] = t == JsonToken.VALUE_TRUE
                            || t == JsonToken.VALUE_NUMBER_INT && p.getIntValue() != 0;
                    default -> p.skipChildren();
                }
            }
            if (id == Long.MIN_VALUE || image == Long.MIN_VALUE || category == Long.MIN_VALUE || !hasBox) {
                throw AnnotationFormatException.at(file, line, "annotation without "
                        + (id == Long.MIN_VALUE ? "id" : image == Long.MIN_VALUE ? "image_id"
                        : category == Long.MIN_VALUE ? "category_id" : "bbox"));
            }
            annId[count] = id;
            annImage[count] = image;
            annCategory[count] = category;
            annLine[count] = line;
            count++;
        }
    }

    private void readBox(JsonParser p, JsonToken t) throws IOException, AnnotationFormatException {
        if (t != JsonToken.START_ARRAY) {
            throw error(p, "bbox is " + t + " (expected [x, y, width, height])");
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            double v = number(p, "bbox[" + n + "]");
            if (n < 4) {
                annBox[4 * count + n] = v;
            }
            n++;
        }
        if (n != 4) {
            throw error(p, "bbox has " + n + " numbers (expected 4: x, y, width, height)");
        }
    }

    private long integer(JsonParser p, String field) throws IOException, AnnotationFormatException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw error(p, field + " is " + p.getText() + " (expected an integer)");
        }
        return p.getLongValue();
    }

    private double number(JsonParser p, String field) throws IOException, AnnotationFormatException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(p, field + " is " + p.getText() + " (expected a number)");
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw error(p, field + " is " + v + " (expected a finite number)");
        }
        return v;
    }

    private void grow() {
        if (count < annId.length) {
            return;
        }
        int n = annId.length * 2;
        annId = Arrays.copyOf(annId, n);
        annImage = Arrays.copyOf(annImage, n);
        annCategory = Arrays.copyOf(annCategory, n);
        annBox = Arrays.copyOf(annBox, 4 * n);
        annScore = Arrays.copyOf(annScore, n);
        annArea = Arrays.copyOf(annArea, n);
        annCrowd = Arrays.copyOf(annCrowd, n);
        annLine = Arrays.copyOf(annLine, n);
    }

    /** An area of 0 (written by tools that leave it empty) says nothing: the box's own area is used instead. */
    private static double positiveOrNaN(double area) {
        return area > 0 ? area : Double.NaN;
    }

    /** Turns annotations into boxes, checking ids and references; images with no annotation go to {@code empty}. */
    void resolve(List<ParsedBox> boxes, List<ImageRef> empty) throws AnnotationFormatException {
        long[] ids = Arrays.copyOf(annId, count);
        Arrays.sort(ids);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                throw new AnnotationFormatException(file + ": duplicate annotation id " + ids[i]
                        + " (second one near line " + lastLineOf(ids[i]) + "; expected unique ids)");
            }
        }
        Set<Long> withBoxes = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ImageRef ref = images.get(annImage[i]);
            if (ref == null) {
                throw AnnotationFormatException.at(file, annLine[i], "annotation " + annId[i] + " refers to image_id "
                        + annImage[i] + ", which is not in 'images'");
            }
            String label = categories.get(annCategory[i]);
            if (label == null) {
                throw AnnotationFormatException.at(file, annLine[i], "annotation " + annId[i] + " has category_id "
                        + annCategory[i] + ", which is not in 'categories'");
            }
            withBoxes.add(annImage[i]);
            boxes.add(new ParsedBox(ref, label, annBox[4 * i], annBox[4 * i + 1], annBox[4 * i + 2], annBox[4 * i + 3],
                    false, annScore[i], annCrowd[i], file + ":" + annLine[i] + " (annotation " + annId[i] + ")",
                    annArea[i], 0));
        }
        List<Long> sortedImages = new ArrayList<>(images.keySet());
        sortedImages.sort(null);
        for (Long id : sortedImages) {
            if (!withBoxes.contains(id)) {
                empty.add(images.get(id));
            }
        }
    }

    private int lastLineOf(long id) {
        int line = 0;
        for (int i = 0; i < count; i++) {
            if (annId[i] == id) {
                line = annLine[i];
            }
        }
        return line;
    }
}
