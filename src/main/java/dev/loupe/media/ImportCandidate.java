package dev.loupe.media;

import java.net.URI;
import java.nio.file.Path;

/**
 * One thing to import: a local file, or a URL (file is null until it is downloaded).
 *
 * @param relativePath how the image is named inside the dataset (relative to the imported folder)
 */
public record ImportCandidate(Path file, URI url, String relativePath) {

    public String displayName() {
        return url != null ? url.toString() : file.toString();
    }
}
