package dev.loupe.formats;

import dev.loupe.core.ImageItem;
import dev.loupe.store.ImageBytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Names and places the image files of an export. Flat layouts (KITTI, YOLO, VOC) need one file name per
 * image; a name already taken (by another image of the export, or by an imported image lying in the export's
 * folder) gets the image id added, then a counter, until it is free. An imported image is never deleted or
 * overwritten: an image whose file already is where the export puts it stays as it is.
 */
final class ExportFiles {
    private final Path imageDir;
    private final WriteOptions.ImageFiles mode;
    private final Set<Path> imported;
    private final ImageBytes bytes;
    private final Set<String> usedStems = new HashSet<>();

    ExportFiles(Path imageDir, WriteOptions options) throws IOException {
        this.imageDir = imageDir.toAbsolutePath().normalize();
        this.mode = options.images();
        this.imported = options.importedImages();
        this.bytes = options.imageBytes();
        if (mode != WriteOptions.ImageFiles.NONE) {
            Files.createDirectories(imageDir);
        }
    }

    /** A name for the image inside the export that no other image there has (its file name when free). */
    String nameFor(ImageItem image) {
        String name = image.fileName();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String candidate = stem;
        for (int n = 1; !free(candidate, ext, image); n++) {
            candidate = stem + "_" + image.id() + (n == 1 ? "" : "_" + n);
        }
        usedStems.add(candidate);
        return candidate + ext;
    }

    /** Unused by the export so far, and not the path of another imported image. */
    private boolean free(String stem, String ext, ImageItem image) {
        if (usedStems.contains(stem)) {
            return false;
        }
        Path target = imageDir.resolve(stem + ext);
        return !imported.contains(target) || target.equals(Path.of(image.path()).toAbsolutePath().normalize());
    }

    /** A video frame has no file of its own: it is decoded and written as a JPEG (its clip, with NONE). */
    private Path frame(ImageItem image, String name) throws IOException {
        if (mode == WriteOptions.ImageFiles.NONE) {
            return Path.of(image.path());
        }
        Path target = imageDir.resolve(name);
        try {
            Files.write(target, dev.loupe.media.JpegEncoder.encode(dev.loupe.media.ImageDecoder.decode(bytes, image), 0.95f));
        } catch (dev.loupe.media.UnreadableImageException e) {
            throw new IOException(image.relativePath() + ": " + e.getMessage(), e);
        }
        return target;
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Copies or links the image under {@code name}; returns where it is (with NONE, its file on this computer: where
     * it was imported from, or its copy fetched from a team project's server).
     */
    Path place(ImageItem image, String name) throws IOException {
        if (image.isFrame()) {
            return frame(image, name);
        }
        Path source = bytes.file(image);
        if (mode == WriteOptions.ImageFiles.NONE) {
            return source;
        }
        Path target = imageDir.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(target) && Files.isSameFile(target, source)) {
                return target; // the image already is where the export puts it
            }
            Files.delete(target); // an earlier export's copy or link
        }
        if (mode == WriteOptions.ImageFiles.LINK) {
            Files.createSymbolicLink(target, source.toAbsolutePath());
        } else {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target;
    }
}
