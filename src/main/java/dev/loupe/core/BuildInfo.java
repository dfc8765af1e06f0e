package dev.loupe.core;

/** What build of Loupe this is, for {@code loupe --version} and the About dialog. */
public final class BuildInfo {
    public static final String LICENCE = "GPL-3.0-or-later";

    private BuildInfo() {
    }

    /** The version from the jar's manifest, or "development build" when run from classes. */
    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** Version, licence and the Java runtime it runs on, one fact per line. */
    public static String summary() {
        return "Loupe " + version() + "\n"
                + "Licence: " + LICENCE + " (uses Smile, GPL-3.0)\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
