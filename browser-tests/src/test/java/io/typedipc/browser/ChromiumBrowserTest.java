package io.typedipc.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.websocket.WebSocketServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A page served by a real Java main, its renderer bundled from @typed-ipc/client, driven in headless Chromium
 * (Debian's package, through puppeteer-core): every call shape, a broadcast, a declared error, a cancellation and a
 * channel main calls. The screenshot is kept at {@code target/browser-test/page.png}.
 *
 * <p>Without Chromium the test is skipped with one line saying how to get it, except in CI ({@link Chromium}).
 */
class ChromiumBrowserTest {
    @Test
    void aPageInChromiumCallsServesAndIsCalled() throws Exception {
        String chromium = Chromium.pathOrSkip("browser test");

        Path base = Path.of(System.getProperty("browser.base", "."));
        Path screenshot = base.resolve("target/browser-test/page.png");
        Files.createDirectories(screenshot.getParent());
        try (IpcMain main = IpcMain.create()) {
            BrowserMainService service = new BrowserMainService(main);
            BrowserMainDispatcher.register(main, service);
            CompletableFuture<RendererHandle> connected = new CompletableFuture<>();
            main.onRendererConnected(connected::complete);
            try (WebSocketServer server = WebSocketServer.builder(main).staticFiles(base.resolve("target/page")).start()) {
                Process driver = new ProcessBuilder(System.getProperty("browser.node", "node"), "drive.mjs", chromium,
                        server.pageUrl() + "#token=" + server.token(), screenshot.toString())
                        .directory(base.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                // Main calls the page itself, typed, as soon as it is connected.
                RendererHandle page = connected.get(120, TimeUnit.SECONDS);
                assertEquals("browser-panel", page.name());
                String greeting = new PageChannelsSender(page).greet("the test").get(60, TimeUnit.SECONDS);
                assertEquals("hello the test from the browser (asked by main)", greeting);

                boolean finished = driver.waitFor(180, TimeUnit.SECONDS);
                if (!finished) {
                    driver.destroyForcibly();
                }
                String output = new String(driver.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertTrue(finished, "the driver did not finish");
                assertEquals(0, driver.exitValue(), "the page failed: " + output);
                assertFalse(output.contains(server.token()), "the token stayed in the page's URL: " + output);
            }
            assertEquals(List.of(
                    "blocking=42",
                    "async=later",
                    "record={\"x\":-1,\"y\":-2,\"label\":\"p mirrored\"}",
                    "declared=RejectedException: not in the browser",
                    "cancelled=true main saw 1",
                    "served=hello main from the browser (asked by main)",
                    "broadcast=tick from main"), service.notes());
        }
        assertTrue(Files.size(screenshot) > 1000, "no screenshot at " + screenshot);
    }
}
