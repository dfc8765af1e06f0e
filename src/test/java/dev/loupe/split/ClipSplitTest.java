package dev.loupe.split;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Split;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import dev.loupe.video.FrameSampling;
import dev.loupe.video.ImportVideoJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A split never parts a clip's frames: neighbouring frames are near-twins. */
class ClipSplitTest {
    @TempDir
    Path tmp;

    @Test
    void allFramesOfAClipGoToOneSide() throws Exception {
        Path clip = SharedData.root().resolve("data/video/one-by-one-person-detection.mp4");
        byte[] whole = Files.readAllBytes(clip);
        Path second = Files.write(tmp.resolve("second.mp4"), Arrays.copyOf(whole, whole.length / 2));
        Path third = Files.write(tmp.resolve("third.mp4"), Arrays.copyOf(whole, whole.length / 3));
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportVideoJob(p.store(), "d", List.of(clip, second, third), new FrameSampling(50, 0))
                    .run(JobContext.silent());
            new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(List.of(SharedData.photos().toString())),
                    new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            for (long seed = 1; seed <= 5; seed++) {
                Splits.make(p.store(), "d", 0.4, 0, seed);
                Map<Long, Split> sides = p.store().split(p.store().requireDataset("d").id());
                long ds = p.store().requireDataset("d").id();
                Map<Long, Set<Split>> sidesOfClip = new java.util.HashMap<>();
                for (ImageItem im : p.store().images(p.store().imageIds(ImageFilter.all(ds)))) {
                    if (im.isFrame()) {
                        sidesOfClip.computeIfAbsent(im.videoId(), k -> new HashSet<>()).add(sides.get(im.id()));
                    }
                }
                assertEquals(3, sidesOfClip.size());
                sidesOfClip.forEach((video, s) -> assertEquals(1, s.size(), "clip " + video + " on " + s));
                assertTrue(sides.containsValue(Split.TEST) && sides.containsValue(Split.TRAIN));
            }
        }
    }
}
