package io.typedipc.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The sample runs as the README runs it: main launches the panels as real child processes. Lines from different
 * processes interleave, so the checks are on each process's own order and on what every line says.
 */
class SampleMainTest {

    @Test
    void javaPanelsExchangeEveryKindOfMessageWithMainAndEachOther() throws Exception {
        List<String> lines = runSample();

        List<String> assets = linesOf(lines, line -> line.contains("assets") && !line.startsWith("main       ->"));
        inOrder(assets,
                "assets     -> main       asset-db:query-assets(\"db://assets/**\")  [async]",
                "main       => assets     2 asset(s): [db://assets/scripts/game.js, db://assets/textures/hero.png]",
                "main       => assets     AssetInfo[uuid=",
                "main       => assets     AssetInfo[uuid=", // created enemy.png
                "selected db://assets/textures/enemy.png",
                "main       => assets     AssetExistsException: db://assets/textures/enemy.png already exists",
                "url=db://assets/textures/boss.png",
                "main       => assets     AssetNotFoundException: no asset at db://assets/textures/missing.png",
                "main       => assets     deleted AssetInfo[",
                "demo done in 8 steps");
        // Printed by main's own thread once the reply is in, so it may come before or after the panel's last lines.
        contains(lines, "assets     => main       8 steps");

        // two packages in main talk over IPC (main.self()), before the demo deletes game.js
        inOrder(lines,
                "package asset-db loaded",
                "package builder loaded",
                "main       -> builder    builder:build(\"web\")  [main.self()]",
                "builder    -> asset-db   asset-db:query-assets(\"db://assets/**/*.js\")  [package to package, main.self()]",
                "asset-db   => builder    1 script(s): [db://assets/scripts/game.js]",
                "builder    => main       bundled [db://assets/scripts/game.js]",
                "main       -> (main win) builder:built([db://assets/scripts/game.js])  [every panel of the main window]",
                "main       -> assets     demo:run()");
        // a window message: both Java panels are panels of the main window
        contains(lines, "inspector                main window got builder:built [db://assets/scripts/game.js]");
        contains(lines, "assets                   main window got builder:built [db://assets/scripts/game.js]");
        contains(lines, "main       -> (all)      asset-db:asset-changed(CREATED db://assets/textures/enemy.png)  [broadcast]");
        contains(lines, "saw CREATED db://assets/textures/enemy.png");
        contains(lines, "inspector  -> assets     panel:selection()  [renderer to renderer, through main]");
        contains(lines, "assets     => inspector  [db://assets/textures/");
        contains(lines, "refresh of db://assets: 2 file(s) on disk");
        contains(lines, "inspector  => main       PanelStatus[panel=inspector");
        contains(lines, "showing=last change: DELETED db://assets/scripts/game.js]");
        assertEquals(2, linesOf(lines, line -> line.contains("exited with 0")).size(), String.join("\n", lines));
    }

    @Test
    void aJavaScriptPanelUsesTheSameChannels() throws Exception {
        List<String> lines = runSample("--node");

        inOrder(linesOf(lines, line -> line.contains("node-panel")),
                "node-panel -> main       asset-db:query-assets(\"db://assets/**\")  [from TypeScript]",
                "main       => node-panel 2 asset(s): [db://assets/scripts/game.js, db://assets/textures/hero.png]",
                "node-panel => main       PanelStatus[panel=node-panel");
        contains(lines, "node-panel -> main       asset-db:query-info(\"db://assets/textures/enemy.png\")  [from TypeScript]");
        assertEquals(3, linesOf(lines, line -> line.contains("exited with 0")).size(), String.join("\n", lines));
    }

    private static List<String> runSample(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SampleMain.run(out, SampleMain.Options.parse(args));
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
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
