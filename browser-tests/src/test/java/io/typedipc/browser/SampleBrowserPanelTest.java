package io.typedipc.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample's {@code --browser} panel against the real sample: {@code SampleMain --browser} runs as its own process
 * (as {@code java -jar typed-ipc-sample.jar --browser} does), and headless Chromium opens the launcher file it
 * prints, as a user would. The page is the one the sample's Maven build bundled into its jar from the generated
 * TypeScript. The transcript must show the browser panel's messages like the other panels', and the token must
 * appear in neither the transcript nor the page's final address. Skipped without Chromium, except in CI
 * ({@link Chromium}); the screenshot is kept at {@code target/browser-test/sample-panel.png}.
 */
class SampleBrowserPanelTest {
    private static final Pattern LAUNCHER = Pattern.compile("browser panel: open (file:\\S+)");
    private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]+)");
    /** Generous: the sample starts two JVMs on a machine shared by several builds. */
    private static final long WAIT_SECONDS = 240;

    @Test
    void theSampleServesABrowserPanelWhoseMessagesAreInTheTranscript() throws Exception {
        String chromium = Chromium.pathOrSkip("sample browser test");
        Path base = Path.of(System.getProperty("browser.base", "."));
        Path screenshot = base.resolve("target/browser-test/sample-panel.png");
        Files.createDirectories(screenshot.getParent());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sample = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.typedipc.sample.SampleMain", "--browser")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Process driver = null;
        try {
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = readLines(sample, lines);
            String launcherLine = awaitLine(lines, LAUNCHER.asPredicate(), sample);
            Matcher launcherMatch = LAUNCHER.matcher(launcherLine);
            assertTrue(launcherMatch.find());
            Path launcher = Path.of(URI.create(launcherMatch.group(1)));
            Matcher tokenMatch = TOKEN.matcher(Files.readString(launcher, StandardCharsets.UTF_8));
            assertTrue(tokenMatch.find(), "no token in the launcher file " + launcher);
            String token = tokenMatch.group(1);
            if (Files.getFileAttributeView(launcher, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher.getParent())));
            }

            driver = new ProcessBuilder(System.getProperty("browser.node", "node"), "drive-sample.mjs", chromium,
                    launcher.toUri().toString(), screenshot.toString())
                    .directory(base.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            assertTrue(sample.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the sample did not finish:\n" + String.join("\n", lines));
            reader.join(10_000);
            assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver did not finish");
            String page = new String(driver.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String transcript = String.join("\n", lines);
            assertEquals(0, sample.exitValue(), "the sample failed:\n" + transcript);
            assertEquals(0, driver.exitValue(), "the page did not connect and see main close: " + page);

            // Lines from different processes interleave: check main's lines and the page's lines each in their order.
            inOrder(linesOf(lines, SampleBrowserPanelTest::printedByMain),
                    "renderer browser-panel#",
                    "main       -> browser-panel panel:status()  [main to the browser, 5 s deadline]",
                    "browser-panel => main       PanelStatus[panel=browser-panel, pid=0, showing=",
                    "main       -> assets     demo:run()",
                    "main       -> browser-panel panel:status()",
                    "browser-panel => main       PanelStatus[panel=browser-panel, pid=0, showing=last change: ");
            List<String> fromPage = linesOf(lines, line -> !printedByMain(line));
            inOrder(fromPage,
                    "browser-panel -> main       asset-db:query-assets(\"db://assets/**\")  [from the browser]",
                    "main       => browser-panel 2 asset(s): [db://assets/scripts/game.js, db://assets/textures/hero.png]",
                    "browser-panel -> main       asset-db:query-info(\"db://assets/textures/missing.png\")  [from the browser]",
                    "main       => browser-panel AssetNotFoundException: no asset at db://assets/textures/missing.png");
            inOrder(fromPage,
                    pageNote("main window got builder:built [db://assets/scripts/game.js]"),
                    pageNote("saw CREATED db://assets/textures/enemy.png"),
                    "browser-panel -> main       asset-db:query-info(\"db://assets/textures/enemy.png\")  [from the browser]",
                    pageNote("saw DELETED db://assets/scripts/game.js"));
            contains(lines, "in window main connected");
            // The page's own list shows what it sent to the transcript.
            assertTrue(page.contains("main window got builder:built"), page);

            assertFalse(transcript.contains(token), "the token is in the transcript:\n" + transcript);
            assertFalse(page.contains(token), "the token stayed in the page's address: " + page);
            assertFalse(Files.exists(launcher), "the launcher file outlived the sample: " + launcher);
            assertTrue(Files.size(screenshot) > 1000, "no screenshot at " + screenshot);
        } finally {
            sample.destroyForcibly();
            if (driver != null) {
                driver.destroyForcibly();
            }
        }
    }

    /** A note the page wrote, formatted as the sample's Transcript formats notes. */
    private static String pageNote(String what) {
        return String.format("%-10s %s %-10s %s", "browser-panel", "  ", "", what);
    }

    /** Main's own lines; the rest came from panels (transcript:line). */
    private static boolean printedByMain(String line) {
        return line.startsWith("main       -> ") || line.startsWith("main          ")
                || line.matches("^\\S+ +=> main .*");
    }

    private static Thread readLines(Process process, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[sample] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the sample's output failed: " + e + ")");
            }
        }, "sample-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static String awaitLine(List<String> lines, Predicate<String> which, Process sample) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < end) {
            for (String line : lines) {
                if (which.test(line)) {
                    return line;
                }
            }
            if (!sample.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sample printed no launcher line:\n" + String.join("\n", lines));
    }

    private static List<String> linesOf(List<String> lines, Predicate<String> which) {
        return lines.stream().filter(which).toList();
    }

    private static void contains(List<String> lines, String text) {
        assertTrue(lines.stream().anyMatch(line -> line.contains(text)),
                "no line containing \"" + text + "\" in:\n" + String.join("\n", lines));
    }

    /** Each text appears in a later line than the one before. */
    private static void inOrder(List<String> lines, String... texts) {
        int at = -1;
        for (String text : texts) {
            int found = -1;
            for (int i = at + 1; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "no line containing \"" + text + "\" after line " + at + " in:\n"
                    + String.join("\n", lines));
            at = found;
        }
    }
}
