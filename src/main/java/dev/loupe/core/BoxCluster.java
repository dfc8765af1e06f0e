package dev.loupe.core;

/**
 * A box's place in a clustering run: its cluster (-1 for an augmented box, which takes its image's cluster)
 * and its 2-d UMAP position (NaN when UMAP left it out as disconnected from the main graph).
 */
public record BoxCluster(long boxId, long imageId, int cluster, double umapX, double umapY) {
}
