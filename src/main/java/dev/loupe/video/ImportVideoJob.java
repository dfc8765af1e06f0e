package dev.loupe.video;

import dev.loupe.core.Dataset;
import dev.loupe.core.NewImage;
import dev.loupe.core.Video;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.store.ProjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Adds clips to a dataset: each clip is indexed and its chosen frames become images of the dataset that point to it
 * (decoded from the clip when someone needs them; nothing is written out). A clip cut short gives the frames before
 * the break and says where it broke; a file that is no video is skipped with the reason. Frames are stored in batches
 * and keyed by the clip's content and the frame, so running it again adds only what is missing.
 */
public final class ImportVideoJob implements Job<VideoImportReport> {
    private static final int BATCH = 500;

    private final ProjectStore store;
    private final String datasetName;
    private final List<Path> clips;
    private final FrameSampling sampling;

    public ImportVideoJob(ProjectStore store, String datasetName, List<Path> clips, FrameSampling sampling) {
        this.store = store;
        this.datasetName = datasetName;
        this.clips = List.copyOf(clips);
        this.sampling = sampling;
    }

    @Override
    public VideoImportReport run(JobContext ctx) throws InterruptedException {
        if (store.imageBytes().onServer()) {
            throw new IllegalStateException("this team project keeps its images on its server, which does not take "
                    + "clips yet: make the project with --images shared-folder to import video");
        }
        try (ProjectStore.RunningJob running = store.announce("import-video into dataset '" + datasetName + "'")) {
            Dataset dataset = store.dataset(datasetName);
            List<JobProblem> problems = new ArrayList<>();
            int imported = 0;
            int frames = 0;
            int already = 0;
            for (int i = 0; i < clips.size(); i++) {
                ctx.checkCancelled();
                Path file = clips.get(i).toAbsolutePath().normalize();
                try (VideoClip clip = VideoClip.open(file)) {
                    VideoInfo info = clip.info();
                    int decodable = clip.decodableFrames();
                    if (decodable < info.frames()) {
                        problem(ctx, problems, file, "breaks at frame " + decodable + " of " + info.frames()
                                + ": the " + decodable + " frames before it are imported");
                    }
                    Video video = store.addVideo(new Video(0, dataset.id(), file.toString(), file.getFileName().toString(),
                            sha256(file), info.widthPx(), info.heightPx(), info.fps(), decodable, info.durationSec(),
                            info.codec() == null ? "" : info.codec()));
                    int[] added = addFrames(video, sampling.step(info.fps()), ctx);
                    frames += added[0];
                    already += added[1];
                    imported++;
                } catch (VideoException e) {
                    problem(ctx, problems, file, e.getMessage());
                } catch (IOException e) {
                    problem(ctx, problems, file, "cannot read it: " + e.getMessage());
                }
                ctx.progress(i + 1, clips.size());
            }
            return new VideoImportReport(imported, frames, already, problems);
        }
    }

    private static void problem(JobContext ctx, List<JobProblem> problems, Path file, String why) {
        problems.add(new JobProblem(file.toString(), why));
        ctx.problem(file.toString(), why);
    }

    /** Adds every {@code step}-th frame; returns {added, already there}. */
    private int[] addFrames(Video video, int step, JobContext ctx) throws InterruptedException {
        String stem = stem(video.fileName());
        List<NewImage> batch = new ArrayList<>();
        int added = 0;
        int wanted = 0;
        for (int f = 0; f < video.frames(); f += step) {
            wanted++;
            batch.add(new NewImage(video.path(), null, video.relativePath() + "/" + stem + String.format("_%06d.jpg", f),
                    video.widthPx(), video.heightPx(), 1, frameHash(video, f), 0, video.id(), f));
            if (batch.size() == BATCH) {
                ctx.checkCancelled();
                added += store.addMissingImages(video.datasetId(), batch);
                batch.clear();
            }
        }
        added += store.addMissingImages(video.datasetId(), batch);
        return new int[]{added, wanted - added};
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A frame's own content key: the clip's hash and the frame's number. */
    private static String frameHash(Video video, int frame) {
        return ImportImagesJob.sha256((video.contentHash() + "#" + frame).getBytes(StandardCharsets.UTF_8));
    }

    /** The clip's content hash, read as a stream (clips are too big to hold whole, unlike pictures). */
    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
