package dev.loupe.core;

/** An image made by augmenting {@code sourceImageId} for {@code cluster}; the recipe (JSON) remakes it exactly. */
public record AugmentedImage(long imageId, long sourceImageId, int cluster, String recipe) {
}
