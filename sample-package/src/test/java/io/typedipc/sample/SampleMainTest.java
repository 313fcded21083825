package io.typedipc.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample's transcript shows every kind of message and what came back, in causal order. */
class SampleMainTest {

    @Test
    void transcriptShowsEveryShapeOfMessageAndItsReply() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SampleMain.run(out);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        int created = indexOf(lines, "main          => assets-panel  AssetInfo[uuid=");
        int exists = indexOf(lines, "AssetExistsException: db://assets/textures/hero.png already exists");
        int info = indexOf(lines, "AssetInfo[uuid=", exists);
        int listed = indexOf(lines,
                "2 asset(s): [db://assets/scripts/game.js, db://assets/textures/hero.png]");
        int refreshed = indexOf(lines, "refresh of db://assets received; 2 file(s) on disk");
        int done = indexOf(lines, "   done");

        assertTrue(created < exists && exists < info && info < listed && listed < refreshed && refreshed < done,
                "transcript out of order:\n" + String.join("\n", lines));
        assertTrue(lines.get(info).contains("url=db://assets/textures/hero.png, size=40"), lines.get(info));
        assertEquals("assets-panel  -> main          asset-db:query-assets(\"db://assets/**\")  [async]",
                lines.get(listed - 1));
    }

    private static int indexOf(List<String> lines, String text) {
        return indexOf(lines, text, -1);
    }

    private static int indexOf(List<String> lines, String text, int after) {
        for (int i = after + 1; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line containing \"" + text + "\" after line " + after + " in:\n"
                + String.join("\n", lines));
    }
}
