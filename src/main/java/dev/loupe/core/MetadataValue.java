package dev.loupe.core;

import java.util.Objects;

/**
 * One custom metadata value: of an image ({@code boxId} 0) or of one of its boxes. A number, or a category
 * (text) when number is NaN.
 */
public record MetadataValue(long imageId, long boxId, String field, double number, String text) {
    public MetadataValue {
        Objects.requireNonNull(field, "field");
    }

    public boolean isNumber() {
        return !Double.isNaN(number);
    }

    public boolean isBoxValue() {
        return boxId != 0;
    }
}
