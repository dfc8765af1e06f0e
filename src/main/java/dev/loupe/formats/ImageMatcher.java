package dev.loupe.formats;

import dev.loupe.core.ImageItem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the dataset image an annotation names: by its path next to the annotation file, by relative path,
 * then by a unique file name (or stem, for KITTI and YOLO). An ambiguous name matches nothing.
 */
public final class ImageMatcher {
    private final Map<String, ImageItem> byPath = new HashMap<>();
    private final Map<String, ImageItem> byRelative = new HashMap<>();
    private final Map<String, List<ImageItem>> byName = new HashMap<>();
    private final Map<String, List<ImageItem>> byStem = new HashMap<>();

    public ImageMatcher(List<ImageItem> images) {
        for (ImageItem im : images) {
            byPath.put(Path.of(im.path()).toAbsolutePath().normalize().toString(), im);
            byRelative.put(im.relativePath(), im);
            byName.computeIfAbsent(im.fileName(), k -> new ArrayList<>()).add(im);
            byStem.computeIfAbsent(ExportFiles.stem(im.fileName()), k -> new ArrayList<>()).add(im);
        }
    }

    /** The image, or null when none or several fit. */
    public ImageItem match(ImageRef ref) {
        return ref.stemOnly() ? matchStem(ref) : matchName(ref);
    }

    private ImageItem matchName(ImageRef ref) {
        String name = ref.name();
        if (name.startsWith("/")) {
            ImageItem im = byPath.get(Path.of(name).normalize().toString());
            if (im == null) {
                im = byPath.get(realPath(Path.of(name)));
            }
            List<ImageItem> same = byName.getOrDefault(Path.of(name).getFileName().toString(), List.of());
            return im != null ? im : same.size() == 1 ? same.get(0) : null;
        } else if (ref.baseDir() != null) {
            for (Path dir : nearFolders(ref.baseDir())) {
                ImageItem im = byPath.get(dir.resolve(name).normalize().toString());
                if (im != null) {
                    return im;
                }
            }
        }
        ImageItem exact = byRelative.get(name);
        if (exact != null) {
            return exact;
        }
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        List<ImageItem> same = byName.getOrDefault(fileName, List.of()).stream()
                .filter(im -> name.equals(fileName) || ("/" + im.relativePath()).endsWith("/" + name)).toList();
        return same.size() == 1 ? same.get(0) : null;
    }

    private ImageItem matchStem(ImageRef ref) {
        List<ImageItem> same = byStem.getOrDefault(ref.name(), List.of());
        if (same.size() <= 1 || ref.baseDir() == null) {
            return same.size() == 1 ? same.get(0) : null;
        }
        List<Path> near = nearFolders(ref.baseDir());
        List<ImageItem> nearby = same.stream()
                .filter(im -> near.contains(Path.of(im.path()).toAbsolutePath().normalize().getParent())).toList();
        return nearby.size() == 1 ? nearby.get(0) : null;
    }

    /** The file a link (such as an exported image) points to, or the path itself. */
    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (java.io.IOException e) {
            return p.normalize().toString();
        }
    }

    /** Label folder names and the image folders the same tools keep beside them. */
    private static final Map<String, List<String>> IMAGE_FOLDERS = Map.of(
            "labels", List.of("images"),
            "label_2", List.of("image_2"),
            "Annotations", List.of("JPEGImages", "images"),
            "annotations", List.of("images", "JPEGImages"));

    /**
     * Where images usually sit relative to their annotations: beside them, in images/, in ../images/, and in the
     * same place under the image folder's name (labels/train → images/train for Ultralytics, training/label_2 →
     * training/image_2 for KITTI, Annotations → JPEGImages for VOC), so equal names in other splits never compete.
     */
    private static List<Path> nearFolders(Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>(List.of(base, base.resolve("images")));
        if (base.getParent() != null) {
            out.add(base.getParent().resolve("images"));
            out.add(base.getParent().resolve("JPEGImages"));
            out.add(base.getParent());
        }
        for (int i = base.getNameCount() - 1; i >= Math.max(0, base.getNameCount() - 3); i--) {
            for (String images : IMAGE_FOLDERS.getOrDefault(base.getName(i).toString(), List.of())) {
                Path swapped = base.getRoot().resolve(i == 0 ? Path.of(images) : base.subpath(0, i).resolve(images));
                out.add(i + 1 < base.getNameCount() ? swapped.resolve(base.subpath(i + 1, base.getNameCount())) : swapped);
            }
        }
        return out;
    }
}
