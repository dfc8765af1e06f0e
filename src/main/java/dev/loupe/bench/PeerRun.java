package dev.loupe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python peer in the same run as Loupe: cv2.imread's decode time on the same images, and the peer script's raw
 * and end-to-end rates. A Python without the packages leaves its error in the figures instead of a number.
 */
final class PeerRun {
    /** Times cv2.imread (colour, EXIF ignored: what the models take) over the images, median of three passes. */
    private static final String CV2_DECODE = String.join("\n",
            "import sys, glob, os, time, cv2",
            "files = sorted(f for f in glob.glob(os.path.join(sys.argv[1], '**', '*'), recursive=True)",
            "               if f.lower().endswith(('.jpg', '.jpeg')))",
            "passes = []",
            "for _ in range(3):",
            "    t = time.perf_counter()",
            "    for f in files:",
            "        cv2.imread(f, cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)",
            "    passes.append((time.perf_counter() - t) * 1000 / len(files))",
            "print('decode_ms=%.3f cv2=%s' % (sorted(passes)[1], cv2.__version__))");
    private static final Pattern NUMBER = Pattern.compile("([0-9.]+) img/s");

    private PeerRun() {
    }

    static Map<String, Object> measure(Path python, Path script, Path model, Path images, int workers)
            throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        String decode = run(List.of(python.toString(), "-c", CV2_DECODE, images.toString()));
        Matcher ms = Pattern.compile("decode_ms=([0-9.]+)").matcher(decode);
        out.put("cv2DecodeMsPerImage", ms.find() ? (Object) Double.parseDouble(ms.group(1)) : lastLine(decode));
        String peer = run(List.of(python.toString(), script.toString(), model.toString(), images.toString(),
                Integer.toString(workers)));
        out.put("peerRawImagesPerSec", rate(peer, "raw ORT " + workers + "x1"));
        out.put("peerEndToEndImagesPerSec", rate(peer, "end to end " + workers + " workers"));
        return out;
    }

    private static Object rate(String output, String linePrefix) {
        for (String line : output.split("\n")) {
            int at = line.indexOf(linePrefix);
            if (at >= 0) {
                Matcher m = NUMBER.matcher(line.substring(at));
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return lastLine(output);
    }

    /** The last line a failed run printed (its error), as the figure. */
    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return "not measured: " + lines[lines.length - 1];
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] text = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new String(text, StandardCharsets.UTF_8);
    }
}
