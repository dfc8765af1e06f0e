package dev.loupe.video;

import dev.loupe.jobs.JobContext;
import dev.loupe.media.JpegEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a clip's chosen frames out as JPEG files ({@code DIR/<clip>/<clip>_000123.jpg}), for those who want the
 * frames as pictures of their own (what {@code import-video --extract} imports). A frame already written is kept.
 */
public final class ExtractFrames {
    private static final float QUALITY = 0.95f;

    private ExtractFrames() {
    }

    /** Returns the files, in frame order; a clip cut short gives the frames before the break. */
    public static List<Path> write(Path clip, FrameSampling sampling, Path dir, JobContext ctx)
            throws VideoException, IOException, InterruptedException {
        String stem = stem(clip.getFileName().toString());
        Path out = Files.createDirectories(dir.resolve(stem));
        List<Path> files = new ArrayList<>();
        try (VideoClip c = VideoClip.open(clip)) {
            int frames = c.decodableFrames();
            int step = sampling.step(c.info().fps());
            for (int f = 0; f < frames; f += step) {
                ctx.checkCancelled();
                Path file = out.resolve(String.format("%s_%06d.jpg", stem, f));
                if (!Files.isRegularFile(file)) {
                    Path part = out.resolve(file.getFileName() + ".part");
                    Files.write(part, JpegEncoder.encode(c.frame(f), QUALITY));
                    Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                files.add(file);
                ctx.progress(f + 1, frames);
            }
        }
        return files;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
