package dev.loupe.core;

import java.util.Objects;

/** One custom metadata value of an image: a number, or a category (text) when number is NaN. */
public record MetadataValue(long imageId, String field, double number, String text) {
    public MetadataValue {
        Objects.requireNonNull(field, "field");
    }

    public boolean isNumber() {
        return !Double.isNaN(number);
    }
}
