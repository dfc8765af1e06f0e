package dev.loupe.video;

/** Clips and frames gone through, tracks found with their key frames, boxes written, frames per second. */
public record TrackReport(int clips, int frames, int tracks, int keyFrames, int boxes, double framesPerSec) {
}
