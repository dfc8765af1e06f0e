package dev.loupe.core;

/**
 * A file an import skipped because its bytes equal an image already in the dataset: annotations that name it
 * belong to that image.
 *
 * @param path         the skipped file, as the import found it
 * @param relativePath its name relative to the imported folder
 * @param imageId      the image with the same content
 */
public record ImageAlias(String path, String relativePath, long imageId) {
}
