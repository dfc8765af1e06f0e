package dev.loupe.metrics;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.store.ProjectStore;

import java.util.List;
import java.util.function.Consumer;

/** Walks every box of a dataset in id order, a page at a time (a dataset can hold millions). */
public final class DatasetBoxes {
    private static final int PAGE = 10_000;

    private DatasetBoxes() {
    }

    public static void forEach(ProjectStore store, long datasetId, Consumer<Box> action) {
        long after = 0;
        for (List<Box> page; !(page = store.boxPage(BoxQuery.inDataset(datasetId), after, PAGE)).isEmpty(); ) {
            page.forEach(action);
            after = page.get(page.size() - 1).id();
        }
    }
}
