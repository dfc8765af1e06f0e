package dev.loupe.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns what the user named (folders, image files, http(s) URLs, list files) into import candidates.
 * Folders are walked recursively and only their image files are taken; a file named explicitly is always
 * tried, so a bad one is reported rather than ignored.
 */
public final class ImportSources {

    private ImportSources() {
    }

    public static boolean isUrl(String arg) {
        return arg.startsWith("http://") || arg.startsWith("https://");
    }

    /** Candidates for folders, files and URLs given as arguments. */
    public static List<ImportCandidate> fromArguments(List<String> args) throws IOException {
        List<ImportCandidate> out = new ArrayList<>();
        for (String arg : args) {
            if (isUrl(arg)) {
                out.add(urlCandidate(arg, arg));
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                out.addAll(fromFolder(p));
            } else if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(new ImportCandidate(p.toAbsolutePath().normalize(), null, p.getFileName().toString()));
            } else {
                throw new java.nio.file.NoSuchFileException(arg, null, "no such file or folder");
            }
        }
        return out;
    }

    /** Every image file under a folder, in path order. */
    public static List<ImportCandidate> fromFolder(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !Files.isDirectory(p))
                    .filter(p -> ImageFormat.hasImageExtension(p.getFileName().toString()))
                    .sorted()
                    .map(p -> new ImportCandidate(p, null, root.relativize(p).toString().replace('\\', '/')))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Candidates from a list file: one local path or URL per line; blank lines and lines starting with #
     * are skipped; relative paths are taken relative to the list file's folder.
     */
    public static List<ImportCandidate> fromListFile(Path list) throws IOException {
        List<ImportCandidate> out = new ArrayList<>();
        Path base = list.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (isUrl(line)) {
                out.add(urlCandidate(line, list + ":" + (n + 1)));
            } else {
                Path p = base.resolve(line).normalize();
                out.add(new ImportCandidate(p, null, p.getFileName().toString()));
            }
        }
        return out;
    }

    /**
     * The name a URL's image is stored under: its last path segment, decoded, made a plain file name (no folder
     * separators, control characters, or '.' / '..', which %2e%2e decodes to and which broke every export).
     */
    static String nameOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[\\\\\\p{Cntrl}]", "_").strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("[^A-Za-z0-9.-]", "_");
            return (host.isEmpty() ? "" : host + "-") + "image";
        }
        return name;
    }

    private static ImportCandidate urlCandidate(String url, String where) throws IOException {
        try {
            URI uri = new URI(url);
            return new ImportCandidate(null, uri, nameOf(uri));
        } catch (URISyntaxException e) {
            throw new IOException(where + ": not a valid URL: " + e.getMessage(), e);
        }
    }
}
