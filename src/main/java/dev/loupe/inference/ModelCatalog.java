package dev.loupe.inference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model descriptors Loupe knows: those shipped with it, overridden or extended by the {@code *.json}
 * files of a models folder.
 */
public final class ModelCatalog {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, ModelDescriptor> byName = new LinkedHashMap<>();

    private ModelCatalog() {
    }

    /** The shipped descriptors, plus those in {@code modelsDir} when it is not null. */
    public static ModelCatalog load(Path modelsDir) throws ModelException {
        ModelCatalog c = new ModelCatalog();
        try (InputStream index = ModelCatalog.class.getResourceAsStream("/models/index.txt")) {
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!name.isBlank()) {
                    try (InputStream in = ModelCatalog.class.getResourceAsStream("/models/" + name)) {
                        c.add(parse(in, "built-in " + name));
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot read the built-in model descriptors: " + e.getMessage(), e);
        }
        if (modelsDir != null && Files.isDirectory(modelsDir)) {
            try (Stream<Path> files = Files.list(modelsDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        c.add(parse(in, f.toString()));
                    }
                }
            } catch (IOException e) {
                throw new ModelException("cannot read model descriptors in " + modelsDir + ": " + e.getMessage(), e);
            }
        }
        return c;
    }

    private static ModelDescriptor parse(InputStream in, String where) throws ModelException {
        try {
            return JSON.readValue(in, ModelDescriptor.class);
        } catch (IOException | IllegalArgumentException e) {
            String detail = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ModelException(where + ": not a valid model descriptor: " + detail, e);
        }
    }

    private void add(ModelDescriptor d) {
        byName.put(d.name(), d);
    }

    public List<ModelDescriptor> all() {
        return List.copyOf(byName.values());
    }

    public Optional<ModelDescriptor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public ModelDescriptor get(String name) throws ModelException {
        return find(name).orElseThrow(() -> new ModelException("unknown model '" + name + "' (known: "
                + String.join(", ", byName.keySet()) + ")"));
    }

    /** Writes a descriptor next to new weights, so a models folder describes its own models. */
    public static void write(ModelDescriptor d, Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), d);
    }
}
