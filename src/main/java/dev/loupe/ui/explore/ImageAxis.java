package dev.loupe.ui.explore;

import dev.loupe.core.ImageMetrics;

import java.util.function.ToDoubleFunction;

/** What an image scatter plot can put on an axis. */
enum ImageAxis {
    INDEX("image index", null),
    GRAY_ENTROPY("gray entropy (bits)", ImageMetrics::grayEntropy),
    GRAY_STD("gray std", ImageMetrics::grayStd),
    GRAY_MEAN("gray mean", ImageMetrics::grayMean),
    SHARPNESS("sharpness (Laplacian variance)", ImageMetrics::sharpness),
    MEAN_R("mean R", ImageMetrics::meanR),
    MEAN_G("mean G", ImageMetrics::meanG),
    MEAN_B("mean B", ImageMetrics::meanB),
    ASPECT("aspect ratio", ImageMetrics::aspect),
    WIDTH("width (px)", m -> m.widthPx()),
    HEIGHT("height (px)", m -> m.heightPx());

    final String title;
    private final ToDoubleFunction<ImageMetrics> value;

    ImageAxis(String title, ToDoubleFunction<ImageMetrics> value) {
        this.title = title;
        this.value = value;
    }

    double of(ImageMetrics m, int index) {
        return value == null ? index : value.applyAsDouble(m);
    }

    @Override
    public String toString() {
        return title;
    }
}
