package dev.loupe.store;

import java.util.Arrays;

/** A growable array of primitive longs, so 100k ids cost 800 KB rather than 100k boxed objects. */
final class LongList {
    private long[] values;
    private int size;

    LongList() {
        this(1024);
    }

    LongList(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

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
