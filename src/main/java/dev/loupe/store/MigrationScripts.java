package dev.loupe.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The schema scripts shipped with Loupe: {@code db/<store>/V<n>.sql}, one per schema version. */
final class MigrationScripts {

    private MigrationScripts() {
    }

    static String read(String store, int version) {
        String name = "/db/" + store + "/V" + version + ".sql";
        try (InputStream in = MigrationScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new StoreException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration resource " + name, e);
        }
    }
}
