package dev.loupe.inference;

/** One detected object in original image pixels (display orientation). */
public record Detection(int classIndex, String label, double score, double x, double y, double w, double h) {
}
