package dev.loupe.video;

/** A detector's box on a frame: what the tracker links into tracks. */
public record Sighting(String label, double score, double x, double y, double w, double h) {
}
