package dev.loupe.store;

import java.util.Arrays;

/** A growable array of primitive longs, so 100k ids cost 800 KB rather than 100k boxed objects. */
final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
