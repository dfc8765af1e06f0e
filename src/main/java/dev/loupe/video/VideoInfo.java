package dev.loupe.video;

import java.nio.file.Path;

/**
 * What a clip is: its file, frame size, frame rate, how many frames it holds (as indexed from its packets, so a
 * truncated clip counts what is there), its length and codec.
 */
public record VideoInfo(Path file, int widthPx, int heightPx, double fps, int frames, double durationSec, String codec) {
}
