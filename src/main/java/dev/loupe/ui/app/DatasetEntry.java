package dev.loupe.ui.app;

import dev.loupe.core.Dataset;

/** A dataset as the sidebar lists it: cheap to load (no box counts), so a project opens at once. */
public record DatasetEntry(Dataset dataset, long images) {
}
