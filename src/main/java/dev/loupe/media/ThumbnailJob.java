package dev.loupe.media;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.util.List;

/** Makes the missing thumbnails of a dataset, so the gallery scrolls through cached previews. */
public final class ThumbnailJob implements Job<Integer> {
    private static final int PAGE = 500;

    private final ProjectStore store;
    private final ThumbnailCache cache;
    private final long datasetId;

    public ThumbnailJob(ProjectStore store, ThumbnailCache cache, long datasetId) {
        this.store = store;
        this.cache = cache;
        this.datasetId = datasetId;
    }

    @Override
    public Integer run(JobContext ctx) {
        ImageFilter all = ImageFilter.all(datasetId);
        long total = store.countImages(all);
        long done = 0;
        int made = 0;
        long after = 0;
        List<ImageItem> page;
        while (!(page = store.imagePage(all, after, PAGE)).isEmpty()) {
            for (ImageItem image : page) {
                ctx.checkCancelled();
                if (!cache.has(image)) {
                    try {
                        cache.thumbnail(image);
                        made++;
                    } catch (UnreadableImageException e) {
                        ctx.problem(image.path(), e.getMessage());
                    }
                }
                ctx.progress(++done, total);
            }
            after = page.get(page.size() - 1).id();
        }
        return made;
    }
}
