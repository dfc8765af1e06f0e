package dev.loupe.video;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open clip, read with FFmpeg. On opening, the video stream's packets are scanned (not decoded) for their
 * presentation times: frame i is the i-th of them in time order, so seeking to a frame is exact, B-frames and all
 * (FFmpeg seeks to the key frame before it and decodes forward to its time). Frames come as 8-bit BGR images. Not
 * safe for several threads: one clip per thread.
 */
public final class VideoClip implements AutoCloseable {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg's chatter about each stream stays out of the console
    }

    private static final long KEY = 1;

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    /** For each frame, the key frame at or before it: where decoding it must start. */
    private final int[] keyBefore;
    /** Each frame's presentation time in microseconds, in time order: the frame index. */
    private final long[] frameTimes;
    private final VideoInfo info;
    /** The frame the grabber gives next when read in order, or -1 after a seek. */
    private int next;

    private VideoClip(Path file, FFmpegFrameGrabber grabber, long[] markedTimes) {
        this.file = file;
        this.grabber = grabber;
        this.frameTimes = new long[markedTimes.length];
        this.keyBefore = new int[markedTimes.length];
        int key = 0;
        for (int i = 0; i < markedTimes.length; i++) {
            frameTimes[i] = markedTimes[i] >> 1;
            if ((markedTimes[i] & KEY) != 0) {
                key = i;
            }
            keyBefore[i] = key;
        }
        double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        this.info = new VideoInfo(file, grabber.getImageWidth(), grabber.getImageHeight(), fps, frameTimes.length,
                grabber.getLengthInTime() / 1e6, grabber.getVideoCodecName());
    }

    /** Opens the clip and indexes its frames; an unreadable or frameless file is an error naming it. */
    public static VideoClip open(Path file) throws VideoException {
        return open(file, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #open(Path)}, decoding on {@code threads} threads. */
    public static VideoClip open(Path file, int threads) throws VideoException {
        if (!Files.isRegularFile(file)) {
            throw new VideoException(file + ": no such file");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        grabber.setVideoOption("threads", Integer.toString(Math.max(1, threads)));
        try {
            grabber.start();
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
                throw new VideoException(file + ": no video stream in it");
            }
            long[] times = index(grabber);
            if (times.length == 0) {
                throw new VideoException(file + ": no video frames in it");
            }
            VideoClip clip = new VideoClip(file, grabber, times);
            grabber.setVideoTimestamp(clip.frameTimes[0]);
            clip.next = -1;
            return clip;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            close(grabber);
            throw new VideoException(file + ": cannot read it as a video (" + e.getMessage() + ")", e);
        } catch (VideoException e) {
            close(grabber);
            throw e;
        }
    }

    /**
     * Presentation times of the video packets, sorted (decode order differs from display order with B-frames); a key
     * frame's time is marked by the lowest bit set ({@link #KEY}), cleared again by the caller.
     */
    private static long[] index(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        int stream = grabber.getVideoStream();
        var timeBase = grabber.getFormatContext().streams(stream).time_base();
        long start = grabber.getFormatContext().streams(stream).start_time();
        long[] times = new long[1024];
        int n = 0;
        AVPacket packet;
        while ((packet = grabber.grabPacket()) != null) {
            try {
                if (packet.stream_index() == stream && packet.size() > 0) {
                    long pts = packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    long base = start == avutil.AV_NOPTS_VALUE ? 0 : start;
                    long micros = Math.round(1e6 * (pts - base) * timeBase.num() / timeBase.den());
                    boolean key = (packet.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0;
                    times[n++] = (micros << 1) | (key ? KEY : 0);
                }
            } finally {
                org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(packet);
            }
        }
        long[] out = Arrays.copyOf(times, n);
        Arrays.sort(out);
        return out;
    }

    public VideoInfo info() {
        return info;
    }

    /** Frame {@code index} (0-based), exactly that one, seeking when it is not the next in order. */
    public BufferedImage frame(int index) throws VideoException {
        if (index < 0 || index >= frameTimes.length) {
            throw new VideoException(file + ": no frame " + index + " (it has " + frameTimes.length + ")");
        }
        try {
            if (next >= 0 && index > next && index - next <= SKIP_AHEAD) {
                skip(index - next); // a few frames on: decoding them is cheaper than a seek
            } else if (index != next) {
                // to the key frame before it, then decoded forward without converting the frames passed over
                int key = keyBefore[index];
                grabber.setVideoTimestamp(frameTimes[key]);
                skip(index - key);
            }
            Frame f = grabber.grabImage();
            while (f != null && f.timestamp < frameTimes[index] - halfFrameMicros()) {
                f = grabber.grabImage();
            }
            if (f == null || f.image == null) {
                throw new VideoException(file + ": frame " + index + " does not decode (the clip breaks before it)");
            }
            next = index + 1;
            return toImage(f);
        } catch (FrameGrabber.Exception e) {
            next = -1;
            throw new VideoException(file + ": frame " + index + " does not decode (" + e.getMessage() + ")", e);
        }
    }

    /**
     * How many frames, from the first, decode: all of them for an intact clip; for one cut short (a copy that stopped,
     * a recording that crashed), up to where it breaks. Decodes the last frames to find out.
     */
    public int decodableFrames() {
        int tries = 0;
        for (int k = frameTimes.length - 1; k >= 0 && tries < MAX_TAIL_TRIES; k--, tries++) {
            try {
                frame(k);
                return k + 1;
            } catch (VideoException e) {
                next = -1; // the grabber is somewhere in the broken part: seek for the next try
            }
        }
        // a clip whose last stretch does not decode at all: find the break by halving
        int good = 0;
        int bad = frameTimes.length - tries;
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            try {
                frame(mid);
                good = mid;
            } catch (VideoException e) {
                next = -1;
                bad = mid;
            }
        }
        return good + 1;
    }

    private static final int MAX_TAIL_TRIES = 32;
    /** Frames decoded forward rather than seeking (a seek decodes from the key frame before, often further back). */
    private static final int SKIP_AHEAD = 12;

    /**
     * The key frame at or before {@code index} (seeking there decodes one frame): what a scrubbing timeline shows
     * while the slider moves.
     */
    public BufferedImage keyFrameBefore(int index) throws VideoException {
        if (index < 0 || index >= frameTimes.length) {
            throw new VideoException(file + ": no frame " + index + " (it has " + frameTimes.length + ")");
        }
        return frame(keyBefore[index]);
    }

    /** Decodes {@code n} frames without converting them to pictures. */
    private void skip(int n) throws FrameGrabber.Exception {
        for (int i = 0; i < n; i++) {
            grabber.grabFrame(false, true, false, false);
        }
    }

    private long halfFrameMicros() {
        return Math.round(500_000 / Math.max(1, info.fps()));
    }

    /** The frame's BGR rows copied once into an image of the caller's own (the grabber reuses its buffer). */
    private static BufferedImage toImage(Frame f) {
        BufferedImage out = new BufferedImage(f.imageWidth, f.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        java.nio.ByteBuffer rows = (java.nio.ByteBuffer) f.image[0];
        int rowBytes = f.imageWidth * 3;
        for (int y = 0; y < f.imageHeight; y++) {
            rows.get(y * f.imageStride, pixels, y * rowBytes, rowBytes);
        }
        return out;
    }

    @Override
    public void close() {
        close(grabber);
    }

    private static void close(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            // closing a clip that failed to open: nothing more to release
        }
    }
}
