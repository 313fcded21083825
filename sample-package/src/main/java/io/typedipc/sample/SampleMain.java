package io.typedipc.sample;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sample package: a main context hosts the asset database over a temporary folder; an "assets" panel (a renderer
 * context) calls it with every kind of message and prints what happens.
 */
public final class SampleMain {
    private SampleMain() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        Transcript transcript = new Transcript(out);
        Path folder = Files.createTempDirectory("typed-ipc-sample");
        try (IpcMain main = IpcMain.create()) {
            AssetDbDispatcher.register(main, new AssetDbService(folder, transcript));
            transcript.note("main", "serving asset-db over " + folder);
            try (IpcRenderer panel = IpcRenderer.connectInProcess(main, "assets-panel")) {
                runAssetsPanel(new AssetDbSender(panel), transcript);
            }
        } finally {
            deleteRecursively(folder);
        }
    }

    private static void runAssetsPanel(AssetDb assetDb, Transcript transcript) throws Exception {
        String panel = "assets-panel";
        for (String url : List.of("db://assets/textures/hero.png", "db://assets/scripts/game.js")) {
            transcript.sent(panel, "main", "asset-db:create(\"" + url + "\")");
            transcript.replied("main", panel, assetDb.create(url, "content of " + url).toString());
        }

        transcript.sent(panel, "main", "asset-db:create(\"db://assets/textures/hero.png\") again");
        try {
            assetDb.create("db://assets/textures/hero.png", "again");
        } catch (AssetExistsException e) {
            transcript.replied("main", panel, "AssetExistsException: " + e.getMessage());
        }

        transcript.sent(panel, "main", "asset-db:query-info(\"db://assets/textures/hero.png\")  [blocking]");
        transcript.replied("main", panel, assetDb.queryInfo("db://assets/textures/hero.png").toString());

        transcript.sent(panel, "main", "asset-db:query-assets(\"db://assets/**\")  [async]");
        List<AssetInfo> assets = assetDb.queryAssets("db://assets/**").get(10, TimeUnit.SECONDS);
        transcript.replied("main", panel, assets.size() + " asset(s): " + assets.stream().map(AssetInfo::url).toList());

        transcript.sent(panel, "main", "asset-db:refresh(\"db://assets\")  [one-way]");
        assetDb.refresh("db://assets");
        // Messages from one sender arrive in order, so this reply comes after main has handled the refresh.
        transcript.sent(panel, "main", "asset-db:query-info(\"db://assets/scripts/game.js\")  [blocking]");
        transcript.replied("main", panel, assetDb.queryInfo("db://assets/scripts/game.js").toString());
        transcript.note(panel, "done");
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
