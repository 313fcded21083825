package io.typedipc.sample;

import io.typedipc.runtime.IpcMain;
import io.typedipc.websocket.WebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The sample's browser panel ({@code --browser}): main serves the page (built from the generated TypeScript into the
 * jar's {@code browser-panel/} folder) and its WebSocket from one loopback server, and hands the page its token
 * through a <em>launcher file</em>.
 *
 * <p>Why a file: the token must not appear in anything that is logged, and the transcript is a log. So main prints
 * only the launcher's path; the file, in a folder only the user can read ({@code rwx------}; the file
 * {@code rw-------}), sends the browser on to the page with the token in the URL's fragment, which browsers never
 * send to a server; the page takes it from there and removes it from the address bar before it connects, and sends
 * it in its {@code $/hello}. Another local user can neither read the file nor guess the token. Closing deletes
 * the file and its folder, and so does the JVM's exit (Ctrl-C while main waits for the page).
 */
final class BrowserPanelHost implements AutoCloseable {
    /** The page's renderer name (it connects with it). */
    static final String NAME = "browser-panel";
    /** The class-path folder the Maven build bundles the page into. */
    static final String PAGE_FOLDER = "browser-panel";

    /**
     * Jetty's loggers (through SLF4J's java.util.logging binding): warnings and errors only, so that its start-up
     * lines do not interleave with the transcript. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger JETTY_LOG = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    private final WebSocketServer server;
    private final Path launcherFolder;
    private final Path launcher;

    private BrowserPanelHost(WebSocketServer server, Path launcherFolder, Path launcher) {
        this.server = server;
        this.launcherFolder = launcherFolder;
        this.launcher = launcher;
    }

    /** Starts serving the page for {@code main} and writes the launcher file. */
    static BrowserPanelHost start(IpcMain main) throws IOException {
        ClassLoader loader = BrowserPanelHost.class.getClassLoader();
        if (loader.getResource(PAGE_FOLDER + "/index.html") == null || loader.getResource(PAGE_FOLDER + "/main.js") == null) {
            throw new IllegalStateException("the browser panel's page is not on the class path: build the sample with"
                    + " Maven (mvn -B -q package -DskipTests), which bundles it into the jar");
        }
        if (JETTY_LOG.getLevel() == null) {   // unless the user's logging configuration sets it
            JETTY_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        WebSocketServer server = WebSocketServer.builder(main).staticResources(loader, PAGE_FOLDER).start();
        try {
            Path folder = privateFolder();
            Path launcher = folder.resolve("open-browser-panel.html");
            // Also gone when the sample is stopped with Ctrl-C while it waits (deleted in reverse order: file first).
            folder.toFile().deleteOnExit();
            launcher.toFile().deleteOnExit();
            Files.writeString(launcher, launcherPage(server.pageUrl() + "#token=" + server.token()),
                    StandardCharsets.UTF_8);
            return new BrowserPanelHost(server, folder, launcher);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** What the user opens: the launcher file (it holds the token, so it is not the page's own address). */
    URI launcherUri() {
        return launcher.toUri();
    }

    /** The page's address, without a token: what the browser ends up showing. */
    URI pageUrl() {
        return server.pageUrl();
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            Files.deleteIfExists(launcher);
            Files.deleteIfExists(launcherFolder);
        }
    }

    /** A new temporary folder that only this user may read, where the file system has POSIX permissions. */
    private static Path privateFolder() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Path folder = Files.createTempDirectory("typed-ipc-browser-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = folder.resolve("open-browser-panel.html");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return folder;
        }
        // Windows: the user's own temporary folder, which other users cannot read.
        return Files.createTempDirectory("typed-ipc-browser-");
    }

    private static String launcherPage(String pageWithToken) {
        // The token is base64url and the port a number: nothing here needs escaping.
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="referrer" content="no-referrer">
                  <title>Opening the Typed IPC sample's browser panel</title>
                  <script>location.replace(%s);</script>
                </head>
                <body>
                  <p>Opening the browser panel&hellip; This needs JavaScript; the file is deleted when the sample stops.</p>
                </body>
                </html>
                """.formatted("\"" + pageWithToken + "\"");
    }
}
