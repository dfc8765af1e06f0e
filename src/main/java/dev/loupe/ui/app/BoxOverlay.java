package dev.loupe.ui.app;

import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;

/** A box as the preview draws it: its caption and where it sits in image pixels. */
public record BoxOverlay(String caption, double x, double y, double w, double h, Source source, ReviewStatus status,
                         boolean crowd) {
}
