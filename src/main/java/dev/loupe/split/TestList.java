package dev.loupe.split;

import dev.loupe.core.ImageItem;
import dev.loupe.formats.ImageMatcher;
import dev.loupe.formats.ImageRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A dataset's own list of test images: one file name per line, or a CSV whose first column is the file name
 * (a header row and repeated rows, one per box, are fine). Names are matched as annotation imports match them:
 * by path next to the list, relative path, or a unique file name.
 */
public final class TestList {

    /** The listed images found, and the names that match no image of the dataset. */
    public record Matched(Set<Long> imageIds, List<String> unmatched) {
    }

    private static final Set<String> HEADER_WORDS = Set.of("filename", "file", "file_name", "image", "name", "path",
            "image_id", "img");

    private TestList() {
    }

    public static Matched match(Path list, List<ImageItem> images) throws IOException {
        ImageMatcher matcher = new ImageMatcher(images);
        Path base = list.toAbsolutePath().getParent();
        Set<Long> found = new LinkedHashSet<>();
        Set<String> unmatched = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String name = firstField(lines.get(i));
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            ImageItem im = matcher.match(ImageRef.byName(name, base));
            if (im != null) {
                found.add(im.id());
            } else if (!(i == 0 && HEADER_WORDS.contains(name.toLowerCase()))) {
                unmatched.add(name);
            }
        }
        return new Matched(found, new ArrayList<>(unmatched));
    }

    /** The line's first comma-separated field, unquoted and trimmed (the whole line when it has no comma). */
    static String firstField(String line) {
        String s = line.strip();
        if (s.startsWith("\"")) {
            int close = s.indexOf('"', 1);
            return close > 0 ? s.substring(1, close) : s.substring(1);
        }
        int comma = s.indexOf(',');
        return (comma >= 0 ? s.substring(0, comma) : s).strip();
    }
}
