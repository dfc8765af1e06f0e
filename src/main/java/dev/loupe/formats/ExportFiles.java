package dev.loupe.formats;

import dev.loupe.core.ImageItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Names and places the image files of an export. Flat layouts (KITTI, YOLO, VOC) need one file name per
 * image; two images with the same name from different folders get the image id added to the second.
 */
final class ExportFiles {
    private final Path imageDir;
    private final WriteOptions.ImageFiles mode;
    private final Set<String> usedStems = new HashSet<>();

    ExportFiles(Path imageDir, WriteOptions.ImageFiles mode) throws IOException {
        this.imageDir = imageDir;
        this.mode = mode;
        if (mode != WriteOptions.ImageFiles.NONE) {
            Files.createDirectories(imageDir);
        }
    }

    /** A unique name for the image inside the export (its file name when free). */
    String nameFor(ImageItem image) {
        String name = image.fileName();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        if (!usedStems.add(stem)) {
            stem = stem + "_" + image.id();
            usedStems.add(stem);
        }
        return stem + ext;
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Copies or links the image under {@code name}; returns where it is (or its original path with NONE). */
    Path place(ImageItem image, String name) throws IOException {
        Path source = Path.of(image.path());
        if (mode == WriteOptions.ImageFiles.NONE) {
            return source;
        }
        Path target = imageDir.resolve(name);
        Files.deleteIfExists(target);
        if (mode == WriteOptions.ImageFiles.LINK) {
            Files.createSymbolicLink(target, source.toAbsolutePath());
        } else {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target;
    }
}
