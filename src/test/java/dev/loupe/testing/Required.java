package dev.loupe.testing;

import org.junit.jupiter.api.Assumptions;

import java.util.Map;

/**
 * What a test needs from the machine: without it the test skips with the reason, except under CI ({@code CI=true}),
 * which installs everything the project needs: there a missing resource fails, so no test is skipped unseen.
 */
public final class Required {

    private Required() {
    }

    public static void resource(boolean present, String why) {
        resource(present, why, System.getenv());
    }

    static void resource(boolean present, String why, Map<String, String> env) {
        if (present) {
            return;
        }
        if ("true".equals(env.get("CI"))) {
            throw new IllegalStateException(why + " (CI=true: a missing resource fails the run)");
        }
        Assumptions.assumeTrue(false, why);
    }
}
