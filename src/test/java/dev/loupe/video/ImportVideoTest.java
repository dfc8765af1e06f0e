package dev.loupe.video;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ThumbnailCache;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clips as datasets: frames as images decoded on demand, a clip cut short, and a run again. */
class ImportVideoTest {
    @TempDir
    Path tmp;

    private static Path clip() {
        return SharedData.root().resolve("data/video/one-by-one-person-detection.mp4");
    }

    private static byte[] pixels(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    @Test
    void everyTenthFrameBecomesAnImageDecodedFromTheClipWhenNeeded() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            VideoImportReport r = new ImportVideoJob(p.store(), "walk", List.of(clip()), new FrameSampling(10, 0))
                    .run(JobContext.silent());
            assertEquals(1, r.clips());
            assertEquals(140, r.frames(), "frames 0, 10, .., 1390");
            assertTrue(r.problems().isEmpty(), r.problems().toString());
            long ds = p.store().requireDataset("walk").id();
            assertEquals(140, p.store().countImages(ImageFilter.all(ds)));
            assertEquals(1, p.store().videos(ds).size());
            assertEquals(1394, p.store().videos(ds).get(0).frames());

            ImageItem frame = p.store().imagePage(ImageFilter.all(ds), 0, 200).get(50);
            assertTrue(frame.isFrame());
            assertEquals(500, frame.frameIndex());
            assertEquals("one-by-one-person-detection_000500.jpg", frame.fileName());
            BufferedImage decoded = ImageDecoder.decode(p.store().imageBytes(), frame);
            try (VideoClip c = VideoClip.open(clip())) {
                assertArrayEquals(pixels(c.frame(500)), pixels(decoded), "the clip's frame 500");
            }
            Path thumb = new ThumbnailCache(tmp.resolve("thumbs"), 128, p.store().imageBytes()).thumbnail(frame);
            assertTrue(Files.size(thumb) > 1000);

            VideoImportReport again = new ImportVideoJob(p.store(), "walk", List.of(clip()), new FrameSampling(10, 0))
                    .run(JobContext.silent());
            assertEquals(0, again.frames());
            assertEquals(140, again.alreadyThere());
        }
    }

    @Test
    void aClipCutShortGivesTheFramesBeforeTheBreakAndANonVideoIsSkippedWithItsReason() throws Exception {
        byte[] whole = Files.readAllBytes(clip());
        Path cut = Files.write(tmp.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length * 2 / 5));
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "not a video");
        try (Project p = Project.create(tmp.resolve("p"))) {
            VideoImportReport r = new ImportVideoJob(p.store(), "d", List.of(cut, text), FrameSampling.all())
                    .run(JobContext.silent());
            assertEquals(1, r.clips());
            assertTrue(r.frames() > 400 && r.frames() < 1394, "the frames before the break: " + r.frames());
            assertEquals(2, r.problems().size());
            assertTrue(r.problems().get(0).reason().startsWith("breaks at frame " + r.frames()), r.problems().toString());
            assertTrue(r.problems().get(1).item().endsWith("notes.mp4"), r.problems().toString());
            long ds = p.store().requireDataset("d").id();
            ImageItem last = p.store().imagePage(ImageFilter.all(ds), 0, 2000).get(r.frames() - 1);
            assertEquals(r.frames() - 1, last.frameIndex());
            ImageDecoder.decode(p.store().imageBytes(), last); // the last frame imported decodes
        }
    }
}
