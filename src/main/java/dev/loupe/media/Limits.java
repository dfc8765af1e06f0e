package dev.loupe.media;

/** A size limit a user may raise through an environment variable; unset, blank or not a positive number: the default. */
final class Limits {

    private Limits() {
    }

    static long fromEnvironment(String variable, long orElse) {
        String v = System.getenv(variable);
        try {
            long n = v == null || v.isBlank() ? 0 : Long.parseLong(v.strip());
            return n > 0 ? n : orElse;
        } catch (NumberFormatException e) {
            return orElse;
        }
    }
}
