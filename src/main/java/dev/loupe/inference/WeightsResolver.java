package dev.loupe.inference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Finds a model's weights: in the models folder when one is set, else in the download cache, else by
 * downloading the descriptor's URL into the cache. Every file is checked against the descriptor's SHA-256.
 */
public final class WeightsResolver {
    /** Environment variable naming the models folder (the {@code --models-dir} option wins over it). */
    public static final String MODELS_DIR_VARIABLE = "LOUPE_MODELS";

    private final Path modelsDir;
    private final Path cacheDir;

    public WeightsResolver(Path modelsDir, Path cacheDir) {
        this.modelsDir = modelsDir;
        this.cacheDir = cacheDir;
    }

    /** The models folder from an option, else {@value #MODELS_DIR_VARIABLE}, else none. */
    public static Path modelsDir(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv(MODELS_DIR_VARIABLE);
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "loupe", "models");
    }

    public Path resolve(ModelDescriptor d, LongConsumer downloadedBytes) throws ModelException {
        ModelDescriptor.Weights w = d.weights();
        if (modelsDir != null) {
            Path local = modelsDir.resolve(w.file());
            if (Files.isRegularFile(local)) {
                return verified(local, w);
            }
        }
        Path cached = cacheDir.resolve(w.sha256().substring(0, 12)).resolve(w.file());
        if (Files.isRegularFile(cached)) {
            return verified(cached, w);
        }
        if (w.url() == null || w.url().isBlank()) {
            throw new ModelException("weights " + w.file() + " of model " + d.name() + " not found"
                    + (modelsDir == null ? "" : " in " + modelsDir) + " and the descriptor has no download URL");
        }
        return download(d, cached, downloadedBytes);
    }

    private Path download(ModelDescriptor d, Path target, LongConsumer progress) throws ModelException {
        ModelDescriptor.Weights w = d.weights();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "weights", ".part");
            try {
                HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(20)).build();
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(w.url())).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new ModelException("download of " + w.url() + " failed: HTTP " + r.statusCode());
                }
                try (InputStream in = r.body(); var out = Files.newOutputStream(tmp)) {
                    byte[] buf = new byte[1 << 16];
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        total += n;
                        progress.accept(total);
                    }
                }
                verified(tmp, w);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModelException("download of " + w.url() + " failed: " + e.getMessage()
                    + " (put " + w.file() + " in a models folder and pass --models-dir to work offline)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("download of " + w.url() + " interrupted", e);
        }
    }

    static Path verified(Path file, ModelDescriptor.Weights w) throws ModelException {
        String actual = sha256(file);
        if (!actual.equals(w.sha256())) {
            throw new ModelException(file + " is not the expected weights: its SHA-256 is " + actual + ", expected "
                    + w.sha256() + " (a corrupt or different file; replace it or fix the descriptor)");
        }
        return file;
    }

    static String sha256(Path file) throws ModelException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
