package dev.loupe.inference;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Loads a named model from the catalog, resolving (and if need be downloading) its weights. */
public final class Detectors {

    private Detectors() {
    }

    public static Detector load(String model, Path modelsDir, DetectorConfigOverrides overrides, LongConsumer download)
            throws ModelException {
        Path dir = WeightsResolver.modelsDir(modelsDir);
        ModelDescriptor d = ModelCatalog.load(dir).get(model);
        Path weights = new WeightsResolver(dir, WeightsResolver.defaultCache()).resolve(d, download);
        DetectorConfig config = DetectorConfig.defaults(d).withThresholds(overrides.score(), overrides.nms(),
                overrides.maxDetections()).withClasses(overrides.classes());
        if (overrides.sessions() != null || overrides.threads() != null) {
            config = config.withSessions(overrides.sessions() == null ? config.sessions() : overrides.sessions(),
                    overrides.threads() == null ? config.threadsPerSession() : overrides.threads());
        }
        return DjlDetector.load(d, weights, config);
    }

    /** Settings a user may override; null keeps the descriptor's or the machine's default. */
    public record DetectorConfigOverrides(Double score, Double nms, Integer maxDetections, Integer sessions,
                                         Integer threads, java.util.Set<String> classes) {    }
}
