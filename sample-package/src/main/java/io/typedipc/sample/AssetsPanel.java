package io.typedipc.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The "assets" panel: lists and queries assets, and, when main asks it to run the demo, plays a user clicking
 * through it. It runs in its own process; all of this runs on its dispatch thread, one message at a time.
 */
final class AssetsPanel implements Panel, AssetsDemo {
    static final String NAME = "assets";

    private final AssetDb assetDb;
    private final Transcript transcript;
    private final List<String> selection = new ArrayList<>();

    AssetsPanel(AssetDb assetDb, Transcript transcript) {
        this.assetDb = assetDb;
        this.transcript = transcript;
    }

    @Override
    public CompletableFuture<PanelStatus> status() {
        return CompletableFuture.completedFuture(
                new PanelStatus(NAME, ProcessHandle.current().pid(), selection.size() + " selected"));
    }

    @Override
    public List<String> selection() {
        return List.copyOf(selection);
    }

    @Override
    public int run() {
        int steps = 0;
        try {
            say("asset-db:query-assets(\"db://assets/**\")  [async]");
            List<AssetInfo> assets = assetDb.queryAssets("db://assets/**").get(10, TimeUnit.SECONDS);
            reply(assets.size() + " asset(s): " + assets.stream().map(AssetInfo::url).toList());
            steps++;

            say("asset-db:query-info(\"" + assets.get(0).url() + "\")  [blocking]");
            reply(assetDb.queryInfo(assets.get(0).url()).toString());
            steps++;

            say("asset-db:create(\"db://assets/textures/enemy.png\")");
            AssetInfo enemy = assetDb.create("db://assets/textures/enemy.png", "an enemy sprite");
            reply(enemy.toString());
            select(enemy.url());
            steps++;

            say("asset-db:create(\"db://assets/textures/enemy.png\") again");
            try {
                assetDb.create("db://assets/textures/enemy.png", "again");
                reply("created?!");
            } catch (AssetExistsException e) {
                reply("AssetExistsException: " + e.getMessage());
            }
            steps++;

            say("asset-db:rename(\"db://assets/textures/enemy.png\", \"db://assets/textures/boss.png\")");
            AssetInfo boss = assetDb.rename(enemy.url(), "db://assets/textures/boss.png");
            reply(boss.toString());
            select(boss.url());
            steps++;

            say("asset-db:query-info(\"db://assets/textures/missing.png\")  [blocking]");
            try {
                assetDb.queryInfo("db://assets/textures/missing.png");
                reply("found?!");
            } catch (AssetNotFoundException e) {
                reply("AssetNotFoundException: " + e.getMessage());
            }
            steps++;

            say("asset-db:delete(\"db://assets/scripts/game.js\")");
            reply("deleted " + assetDb.delete("db://assets/scripts/game.js"));
            steps++;

            say("asset-db:refresh(\"db://assets\")  [one-way]");
            assetDb.refresh("db://assets");
            steps++;
        } catch (Exception e) {
            transcript.note(NAME, "demo failed at step " + (steps + 1) + ": " + e);
            throw new IllegalStateException("demo failed at step " + (steps + 1), e);
        }
        transcript.note(NAME, "demo done in " + steps + " steps");
        return steps;
    }

    private void select(String url) {
        selection.clear();
        selection.add(url);
        transcript.note(NAME, "selected " + url);
    }

    private void say(String what) {
        transcript.sent(NAME, "main", what);
    }

    private void reply(String what) {
        transcript.replied("main", NAME, what);
    }
}
