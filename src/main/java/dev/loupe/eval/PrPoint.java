package dev.loupe.eval;

/** One point of a precision–recall curve: the detections scoring at least {@code score}. */
public record PrPoint(double recall, double precision, double score) {
}
