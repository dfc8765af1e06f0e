package dev.loupe.media;

import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file that declares more pixels than Loupe decodes is refused from its header, with the reason, before a pixel
 * is allocated: a 1 KB BMP declaring 40000² aborted a whole import, a JPEG declaring 20000² hung pre-annotation.
 */
class OversizedImagesTest {
    @TempDir
    Path tmp;

    /** A 2 KB run-length-coded BMP whose header says 40000 x 40000 pixels (a palette and an end-of-bitmap code). */
    static byte[] hugeBmp() {
        int offset = 54 + 1024;
        ByteBuffer b = ByteBuffer.allocate(offset + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(offset + 2).putInt(0).putInt(offset);
        b.putInt(40).putInt(40_000).putInt(40_000).putShort((short) 1).putShort((short) 8).putInt(1).putInt(2)
                .putInt(2835).putInt(2835).putInt(256).putInt(0);
        b.position(offset);
        b.put((byte) 0).put((byte) 1); // end of bitmap
        return b.array();
    }

    /** A real photo whose frame header is changed to say 20000 x 20000 pixels. */
    static byte[] hugeJpeg() throws Exception {
        byte[] b = Files.readAllBytes(SharedData.photos().resolve("bus.jpg"));
        for (int i = 2; i + 8 < b.length; i++) {
            int marker = b[i + 1] & 0xFF;
            if ((b[i] & 0xFF) == 0xFF && (marker == 0xC0 || marker == 0xC1 || marker == 0xC2)) {
                b[i + 5] = (byte) (20_000 >> 8); // height
                b[i + 6] = (byte) 20_000;
                b[i + 7] = (byte) (20_000 >> 8); // width
                b[i + 8] = (byte) 20_000;
                return b;
            }
        }
        throw new IllegalStateException("bus.jpg has no frame header");
    }

    @Test
    void anImportSkipsTheOversizedFilesWithTheirReasonAndStoresTheRest() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        Files.write(folder.resolve("huge.bmp"), hugeBmp());
        Files.write(folder.resolve("huge.jpg"), hugeJpeg());
        Files.copy(SharedData.photos().resolve("dog.jpg"), folder.resolve("dog.jpg"));
        try (Project p = Project.create(tmp.resolve("p"))) {
            ImportReport r = new ImportImagesJob(p.store(), "d", ImportSources.fromFolder(folder),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            assertEquals(1, r.imported(), r.toString());
            assertEquals(2, r.skipped().size(), r.toString());
            for (JobProblem skipped : r.skipped()) {
                assertTrue(skipped.reason().contains("declares") && skipped.reason().contains("LOUPE_MAX_PIXELS"),
                        skipped.toString());
            }
        }
    }

    @Test
    void decodingRefusesFromTheHeader() throws Exception {
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(hugeJpeg(), 1, 1));
        assertTrue(e.getMessage().contains("20000 x 20000"), e.getMessage());
        assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(hugeBmp(), 1, 1));
    }
}
