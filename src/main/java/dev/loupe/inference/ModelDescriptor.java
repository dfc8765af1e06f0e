package dev.loupe.inference;

import java.util.List;
import java.util.Objects;

/**
 * Everything Loupe needs to run a detector: where its weights are, how to prepare its input, how to decode
 * its output, and its class names. Read from {@code models/*.json}; validated here so a bad descriptor
 * fails when loaded, naming the field.
 *
 * @param scale multiplies 0..255 pixel values before mean and std are applied (1/255 for 0..1 input)
 */
public record ModelDescriptor(String name, String version, String description, Weights weights, int inputWidth,
                              int inputHeight, ColorOrder colorOrder, double scale, double[] mean, double[] std,
                              ResizeRule resize, int padValue, DecoderFamily decoder, List<String> classNames,
                              double scoreThreshold, double nmsThreshold, int maxDetections) {

    /** The weights file: its name in a models folder, where to download it, and its SHA-256. */
    public record Weights(String file, String url, String sha256) {
        public Weights {
            Objects.requireNonNull(file, "weights.file");
            // a plain name: the file is looked up, downloaded and hashed inside the models folder or cache only
            if (file.isEmpty() || file.equals(".") || file.equals("..") || file.contains("/") || file.contains("\\")
                    || file.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("weights.file must be a plain file name (no folders), was '"
                        + file + "'");
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("weights.sha256 must be 64 lowercase hex digits, was " + sha256);
            }
        }
    }

    public enum ColorOrder { RGB, BGR }

    public enum ResizeRule { LETTERBOX_TOP_LEFT, LETTERBOX_CENTER, STRETCH }

    public enum DecoderFamily { YOLOX, FASTESTDET }

    public ModelDescriptor {
        require(name != null && name.matches("[A-Za-z0-9_.-]+"), "name", "letters, digits, '.', '_' or '-'", name);
        Objects.requireNonNull(weights, "weights");
        require(inputWidth > 0 && inputHeight > 0, "inputWidth/inputHeight", "positive sizes", inputWidth + "x" + inputHeight);
        Objects.requireNonNull(colorOrder, "colorOrder");
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(decoder, "decoder");
        require(scale > 0, "scale", "a positive number", scale);
        require(mean != null && mean.length == 3, "mean", "three numbers", mean == null ? null : mean.length);
        require(std != null && std.length == 3 && std[0] > 0 && std[1] > 0 && std[2] > 0, "std", "three positive numbers", null);
        require(classNames != null && !classNames.isEmpty(), "classNames", "at least one class", classNames);
        require(scoreThreshold >= 0 && scoreThreshold <= 1, "scoreThreshold", "0..1", scoreThreshold);
        require(nmsThreshold > 0 && nmsThreshold <= 1, "nmsThreshold", "0..1", nmsThreshold);
        require(maxDetections > 0, "maxDetections", "a positive count", maxDetections);
        version = version == null ? "" : version;
        description = description == null ? "" : description;
        classNames = List.copyOf(classNames);
        mean = mean.clone();
        std = std.clone();
    }

    private static void require(boolean ok, String field, String expected, Object was) {
        if (!ok) {
            throw new IllegalArgumentException("model descriptor field '" + field + "': expected " + expected + ", was " + was);
        }
    }

    /** Identifies these exact weights: results of an earlier run with the same key are reused on resume. */
    public String key() {
        return name + "@" + version + "#" + weights.sha256().substring(0, 12);
    }

    /** The same model with other class outputs (a re-headed, retrained one). */
    public ModelDescriptor withClassNames(List<String> names) {
        return new ModelDescriptor(name, version, description, weights, inputWidth, inputHeight, colorOrder, scale, mean,
                std, resize, padValue, decoder, names, scoreThreshold, nmsThreshold, maxDetections);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
