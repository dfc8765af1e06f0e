package dev.loupe.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads images into a cache folder, one file per URL, retrying transient failures (network errors,
 * 429 and 5xx) with backoff. A URL already downloaded is not fetched again. Redirects are followed to http(s)
 * only and never from https down to http; a download larger than the cap is stopped and deleted.
 */
public final class UrlFetcher {
    /** Overrides the download cap, in megabytes. */
    public static final String MAX_MB_VARIABLE = "LOUPE_MAX_DOWNLOAD_MB";
    static final long DEFAULT_MAX_BYTES = 100L << 20;
    private static final int ATTEMPTS = 3;

    private HttpClient client;
    private final Path folder;
    private final Duration firstBackoff;
    private final long maxBytes;

    public UrlFetcher(Path folder, Duration firstBackoff) {
        this(folder, firstBackoff, Limits.fromEnvironment(MAX_MB_VARIABLE, DEFAULT_MAX_BYTES >> 20) << 20);
    }

    UrlFetcher(Path folder, Duration firstBackoff, long maxBytes) {
        this.folder = folder;
        this.firstBackoff = firstBackoff;
        this.maxBytes = maxBytes;
    }

    /** Made on first use: most imports have no URL, and a client starts a selector thread. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    public Path fetch(URI url) throws IOException, InterruptedException {
        Path target = folder.resolve(fileNameFor(url));
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(folder);
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Thread.sleep(firstBackoff.toMillis() << (attempt - 2));
            }
            Path tmp = Files.createTempFile(folder, "download", ".tmp");
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
                HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status == 200) {
                        copyCapped(body, tmp, url);
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        return target;
                    }
                }
                last = new IOException("HTTP " + status);
                if (status != 429 && status < 500) {
                    break;
                }
            } catch (TooLargeException e) {
                throw e;
            } catch (IOException e) {
                last = e;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new IOException("download failed after retries: " + last.getMessage(), last);
    }

    /** Deletes a URL's download (it was no image). */
    void forget(URI url) throws IOException {
        Files.deleteIfExists(folder.resolve(fileNameFor(url)));
    }

    /** Writes the body to the file, stopping (and failing for good) past the cap. */
    private void copyCapped(InputStream body, Path file, URI url) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(url + ": larger than the " + (maxBytes >> 20) + " MB a download may "
                            + "take (set " + MAX_MB_VARIABLE + " to allow more)");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** A download over the cap: trying again would not help. */
    private static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** A stable file name: a hash of the URL plus the URL's own file name, so the cache is readable. */
    static String fileNameFor(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8) + "-" + (name.isEmpty() ? "image" : name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
