package dev.loupe.formats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands the files and folders given to a reader into the annotation files it reads, in path order. */
final class InputFiles {

    private InputFiles() {
    }

    static List<Path> expand(List<Path> inputs, String extension) throws AnnotationFormatException {
        List<Path> out = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                            .sorted().forEach(out::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new AnnotationFormatException(in + ": cannot list folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(in)) {
                out.add(in);
            } else {
                throw new AnnotationFormatException(in + ": no such file or folder");
            }
        }
        if (out.isEmpty()) {
            throw new AnnotationFormatException("no " + extension + " annotation files in " + inputs);
        }
        return out;
    }
}
