package io.typedipc.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/**
 * Where the browser tests find Chromium, and what happens when it is absent: the test is skipped with one line saying
 * how to get it, unless it is required — in CI (the environment variable {@code CI=true}, which CI services set) or
 * with {@code -Dtypedipc.browser.required=true} a missing Chromium is a failure. So CI runs the README's test command
 * unchanged and still cannot skip a browser test.
 */
final class Chromium {
    private static final String PATH = System.getProperty("typedipc.browser.chromium", "/usr/bin/chromium");

    private Chromium() {}

    /** Chromium's path; skips the calling test (with one line on stderr) or fails it, as the class says. */
    static String pathOrSkip(String test) {
        boolean present = new File(PATH).canExecute();
        boolean required = Boolean.getBoolean("typedipc.browser.required") || "true".equals(System.getenv("CI"));
        if (!present && required) {
            throw new AssertionError("Chromium is required here but not found at " + PATH);
        }
        if (!present) {
            System.err.println("[" + test + "] SKIPPED: no Chromium at " + PATH
                    + " (Debian/Ubuntu: apt-get install chromium; or -Dtypedipc.browser.chromium=<path>)");
        }
        assumeTrue(present, "no Chromium at " + PATH);
        return PATH;
    }
}
