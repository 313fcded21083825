package io.typedipc.sample;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.transport.ChildProcessTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The sample package, a Cocos-Creator-style editor in miniature. Main hosts the asset database over a folder as a
 * package (and a builder package that asks it for the scripts over IPC, through {@code main.self()}) and watches the
 * folder; it launches an "assets" panel and an "inspector" panel as separate JVMs (and, with {@code --node}, a
 * panel written in TypeScript; with {@code --browser}, it serves a panel to a web browser); the panels call main and
 * each other, and everything they do is printed as one transcript.
 *
 * <pre>
 * java -jar sample-package/target/typed-ipc-sample.jar [--node] [--browser] [--keep-running] [--folder DIR]
 *     [--node-dir DIR]
 * </pre>
 *
 * <ul>
 *   <li>{@code --node}: also launch {@code node node-panel.mjs} from {@code --node-dir} (default: the
 *       {@code node-panel} folder beside the jar, where the Maven build bundles it), a renderer written in
 *       TypeScript against the generated channel types and {@code @typed-ipc/client};
 *   <li>{@code --browser}: also serve the browser panel over WebSocket ({@link BrowserPanelHost}) and print the file
 *       to open; main waits up to 10 minutes for the page to connect;
 *   <li>{@code --keep-running}: after the demo, keep main and the panels running until Enter or Ctrl-C, so you can
 *       change files in the folder and watch the panels react;
 *   <li>{@code --folder DIR}: use DIR as the asset folder instead of a temporary one (which is deleted at the end).
 * </ul>
 */
public final class SampleMain {
    private static final Duration WATCHER_WAIT = Duration.ofSeconds(30);
    /** How long a panel's process may take to start and say it is ready (generous: a cold JVM on a busy machine). */
    private static final Duration PANEL_START = Duration.ofSeconds(60);
    private static final String GAME_JS = "db://assets/scripts/game.js";
    /** The Node.js panel, bundled with its dependencies by the Maven build (sample-package/package.json). */
    private static final String NODE_PANEL_SCRIPT = "node-panel.mjs";
    /** How long main waits for someone to open the browser panel. */
    private static final Duration BROWSER_WAIT = Duration.ofMinutes(10);
    /** The Java panels are panels of the main window ({@code IpcSettings.DEFAULT_MAIN_WINDOW}). */
    private static final String MAIN_WINDOW = IpcSettings.DEFAULT_MAIN_WINDOW;

    private SampleMain() {}

    /** The command line, parsed. */
    record Options(boolean node, boolean browser, boolean keepRunning, Path folder, Path nodeDir) {
        static Options parse(String... args) {
            boolean node = false;
            boolean browser = false;
            boolean keepRunning = false;
            Path folder = null;
            Path nodeDir = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--node" -> node = true;
                    case "--browser" -> browser = true;
                    case "--keep-running" -> keepRunning = true;
                    case "--folder" -> folder = Path.of(value(args, ++i, "--folder"));
                    case "--node-dir" -> nodeDir = Path.of(value(args, ++i, "--node-dir"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: [--node] [--browser] [--keep-running] [--folder DIR] [--node-dir DIR]");
                }
            }
            return new Options(node, browser, keepRunning, folder, nodeDir != null ? nodeDir : defaultNodeDir());
        }

        /** {@code node-panel} beside the jar (or beside {@code target/classes}): where the Maven build puts it. */
        private static Path defaultNodeDir() {
            try {
                Path code = Path.of(SampleMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return code.toAbsolutePath().getParent().resolve("node-panel");
            } catch (URISyntaxException | RuntimeException e) {
                return Path.of("sample-package", "target", "node-panel");
            }
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(System.out, options);
    }

    static void run(PrintStream out, Options options) throws Exception {
        Transcript transcript = Transcript.printingTo(out);
        Path folder = options.folder() != null ? Files.createDirectories(options.folder())
                : Files.createTempDirectory("typed-ipc-sample");
        try {
            seed(folder);
            runApplication(transcript, folder, options);
        } finally {
            if (options.folder() == null) {
                deleteRecursively(folder);
            }
        }
    }

    private static void runApplication(Transcript transcript, Path folder, Options options) throws Exception {
        CompletableFuture<Void> gameJsDeleted = new CompletableFuture<>();
        List<Process> processes = new ArrayList<>();

        IpcMain main = IpcMain.create();
        AssetDbService assetDb = new AssetDbService(folder, transcript);
        main.packages().load(new AssetDbPackage(assetDb, transcript));
        main.packages().load(new BuilderPackage(main, transcript));
        TranscriptLinesDispatcher.register(main, transcript::raw);
        Map<String, CompletableFuture<Void>> panelsReady = new ConcurrentHashMap<>();
        PanelHostDispatcher.register(main, panel -> ready(panelsReady, panel).complete(null));
        main.onRendererConnected(renderer -> transcript.note("main", renderer + " connected"));
        main.onRendererDisconnected(renderer -> transcript.note("main", renderer + " disconnected"));
        transcript.note("main", "asset-db serving " + folder);

        AssetEvents everyPanel = new AssetEventsSender(main.broadcast());
        AssetWatcher watcher = new AssetWatcher(folder, assetDb, change -> {
            transcript.sent("main", "(all)", "asset-db:asset-changed(" + change.kind() + " " + change.url() + ")"
                    + "  [broadcast]");
            everyPanel.assetChanged(change);
            if (change.kind() == AssetChange.Kind.DELETED && change.url().equals(GAME_JS)) {
                gameJsDeleted.complete(null);
            }
        });
        BrowserPanelHost browserHost = null;
        try {
            if (options.browser()) {
                browserHost = BrowserPanelHost.start(main);
                transcript.note("main", "browser panel: open " + browserHost.launcherUri() + " in a web browser");
                transcript.note("main", "  (that file, readable by you only, holds the page's token and takes the browser"
                        + " on to " + browserHost.pageUrl() + ")");
            }
            RendererHandle inspector = launchJavaPanel(main, InspectorPanel.NAME, processes);
            RendererHandle nodePanel = options.node() ? launchNodePanel(main, options.nodeDir(), processes) : null;
            RendererHandle assets = launchJavaPanel(main, AssetsPanel.NAME, processes);

            // Main's own panels first, in launch order, then the Node.js one; those asked again at the end come last.
            List<RendererHandle> panels = new ArrayList<>(List.of(inspector));
            if (nodePanel != null) {
                panels.add(nodePanel);
            }
            panels.add(assets);
            for (RendererHandle panel : panels) {
                ready(panelsReady, panel.name()).get(PANEL_START.toSeconds(), TimeUnit.SECONDS);
                askStatus(transcript, panel, "  [main to renderer, 5 s deadline]");
            }
            List<RendererHandle> askedAtTheEnd = new ArrayList<>(panels.subList(0, panels.size() - 1));
            if (browserHost != null) {
                browserPanel(main, transcript, panelsReady).ifPresent(page -> {
                    askStatus(transcript, page, "  [main to the browser, 5 s deadline]");
                    askedAtTheEnd.add(page);
                });
            }

            // Two packages in main talk over IPC: main asks the builder, which asks the asset database.
            transcript.sent("main", "builder", "builder:build(\"web\")  [main.self()]");
            List<String> bundled = new BuilderSender(main.self()).build("web").get(10, TimeUnit.SECONDS);
            transcript.replied("builder", "main", "bundled " + bundled);
            transcript.sent("main", "(main win)", "builder:built(" + bundled + ")  [every panel of the main window]");
            new BuildEventsSender(main.mainWindow()).built(bundled);

            transcript.sent("main", assets.name(), "demo:run()  [the panel plays a user's clicks]");
            int steps = new AssetsDemoSender(assets).run();
            transcript.replied(assets.name(), "main", steps + " steps");

            // The inspector's last broadcast is the deletion of game.js; messages to one renderer keep their order,
            // so once it has been broadcast, the status below is answered after the inspector has seen it.
            gameJsDeleted.get(WATCHER_WAIT.toSeconds(), TimeUnit.SECONDS);
            for (RendererHandle panel : askedAtTheEnd) {
                transcript.sent("main", panel.name(), "panel:status()");
                transcript.replied(panel.name(), "main", new PanelSender(panel).withDeadline(Duration.ofSeconds(10))
                        .status().get(20, TimeUnit.SECONDS).toString());
            }

            if (options.keepRunning()) {
                transcript.note("main", "running; change files under " + folder + " and watch the panels."
                        + " Press Enter to stop.");
                awaitEnterOrInterrupt();
            }
        } finally {
            transcript.note("main", "closing");
            watcher.close();
            main.closeGracefully(Duration.ofSeconds(5));
            main.close();
            if (browserHost != null) {
                browserHost.close();
            }
            for (Process process : processes) {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                transcript.note("main", "panel process " + process.pid() + " exited with " + process.waitFor());
            }
        }
    }

    private static void askStatus(Transcript transcript, RendererHandle panel, String how) {
        transcript.sent("main", panel.name(), "panel:status()" + how);
        try {
            transcript.replied(panel.name(), "main",
                    new PanelSender(panel).status().get(10, TimeUnit.SECONDS).toString());
        } catch (Exception e) {
            throw new IllegalStateException(panel.name() + " did not answer panel:status: " + e, e);
        }
    }

    /**
     * Waits for someone to open the browser panel (it says {@code panel-host:ready} once its handlers are
     * registered); empty, with a note, if nobody does within {@link #BROWSER_WAIT}: the demo goes on without it.
     */
    private static Optional<RendererHandle> browserPanel(IpcMain main, Transcript transcript,
            Map<String, CompletableFuture<Void>> panelsReady) throws InterruptedException, ExecutionException {
        transcript.note("main", "waiting up to " + BROWSER_WAIT.toMinutes() + " min for " + BrowserPanelHost.NAME);
        try {
            ready(panelsReady, BrowserPanelHost.NAME).get(BROWSER_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            transcript.note("main", BrowserPanelHost.NAME + " did not connect; going on without it");
            return Optional.empty();
        }
        return main.renderers().stream().filter(r -> r.name().equals(BrowserPanelHost.NAME)).findFirst();
    }

    private static CompletableFuture<Void> ready(Map<String, CompletableFuture<Void>> panelsReady, String panel) {
        return panelsReady.computeIfAbsent(panel, name -> new CompletableFuture<>());
    }

    private static RendererHandle launchJavaPanel(IpcMain main, String name, List<Process> processes)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PanelMain.class.getName(), name);
        return launch(main, builder, name, MAIN_WINDOW, processes);
    }

    private static RendererHandle launchNodePanel(IpcMain main, Path nodeDir, List<Process> processes)
            throws IOException {
        if (!Files.isRegularFile(nodeDir.resolve(NODE_PANEL_SCRIPT))) {
            throw new IllegalStateException("the Node.js panel is not built: no " + nodeDir.resolve(NODE_PANEL_SCRIPT)
                    + " (the Maven build bundles it: mvn -B -q package -DskipTests; or pass --node-dir)");
        }
        ProcessBuilder builder = new ProcessBuilder("node", NODE_PANEL_SCRIPT).directory(nodeDir.toFile());
        return launch(main, builder, "node-panel", null, processes); // a window of its own: not the main window
    }

    /**
     * Starts a panel's process. Main may call it at once: a panel registers its channels before it reads its first
     * message, so the request waits in the pipe until the panel is ready for it.
     */
    private static RendererHandle launch(IpcMain main, ProcessBuilder builder, String name, String window,
            List<Process> processes) throws IOException {
        ChildProcessTransport.ChildRenderer child = ChildProcessTransport.launch(main, builder, name, window);
        processes.add(child.process());
        return child.handle();
    }

    /** The folder's starting content. */
    private static void seed(Path folder) throws IOException {
        Map<String, String> files = Map.of(
                "textures/hero.png", "a hero sprite",
                "scripts/game.js", "console.log('game');");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static void awaitEnterOrInterrupt() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        Thread reader = new Thread(() -> {
            try {
                System.in.read();
            } catch (IOException e) {
                // no console: wait for Ctrl-C
                return;
            }
            stop.countDown();
        }, "enter-to-stop");
        reader.setDaemon(true);
        reader.start();
        stop.await();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
