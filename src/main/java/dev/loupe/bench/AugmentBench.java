package dev.loupe.bench;

import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.Augmenter;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportSources;
import dev.loupe.media.JpegEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Augmentation throughput on one thread: decode, augment (image and ten boxes), encode as JPEG, against decode
 * and encode alone on the same images in the same run, for the reference's operations and for all of them.
 */
@Command(name = "augment", mixinStandardHelpOptions = true, description = "Augmented images per second against decode + encode.")
final class AugmentBench implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR")
    Path images;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ImportCandidate> files = ImportSources.fromFolder(images);
        run(files, null); // warm-up
        double reference = run(files, null);
        double referenceOps = run(files, AugmentRanges.reference());
        double allOps = run(files, AugmentRanges.all());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", files.size());
        out.put("decodeEncodeImagesPerSec", GalleryBench.round(files.size() / reference));
        out.put("referenceOpsImagesPerSec", GalleryBench.round(files.size() / referenceOps));
        out.put("allOpsImagesPerSec", GalleryBench.round(files.size() / allOps));
        out.put("referenceOpsRatio", GalleryBench.round(reference / referenceOps));
        out.put("allOpsRatio", GalleryBench.round(reference / allOps));
        BenchOutput.print(out, json);
        return 0;
    }

    /** Seconds for all files; with null ranges the image is only decoded and encoded. */
    private static double run(List<ImportCandidate> files, AugmentRanges ranges) throws Exception {
        long t = System.nanoTime();
        long seed = 0;
        for (ImportCandidate c : files) {
            BufferedImage img = ImageDecoder.decode(c.file(), 1);
            BufferedImage out = img;
            if (ranges != null) {
                List<Augmenter.Rect> boxes = java.util.stream.IntStream.range(0, 10).mapToObj(k ->
                        new Augmenter.Rect(k * img.getWidth() / 12.0, k * img.getHeight() / 12.0, img.getWidth() / 5.0,
                                img.getHeight() / 4.0)).toList();
                out = Augmenter.apply(img, ranges.draw(seed++), boxes, ranges.minVisible()).image();
            }
            JpegEncoder.encode(out, 0.92f);
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
