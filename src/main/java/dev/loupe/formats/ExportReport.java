package dev.loupe.formats;

/**
 * @param crowdLeftOut crowd regions the format cannot hold
 */
public record ExportReport(int images, int boxes, int crowdLeftOut, java.util.List<String> classNames) {
}
