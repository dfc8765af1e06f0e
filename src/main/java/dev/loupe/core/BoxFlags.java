package dev.loupe.core;

/** Flags an annotation file gives a box besides crowd (Pascal VOC's), kept so an export writes them back. */
public final class BoxFlags {
    /** Hard to recognise; VOC's evaluation leaves it out. */
    public static final int DIFFICULT = 1;
    /** The object extends beyond the image. */
    public static final int TRUNCATED = 2;

    private BoxFlags() {
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }
}
