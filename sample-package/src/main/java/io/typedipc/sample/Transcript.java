package io.typedipc.sample;

import java.io.PrintStream;

/**
 * The sample's readable log of who sent what to whom and what came back. Lines from several threads and processes
 * interleave, so each is written whole.
 */
public final class Transcript {
    private final PrintStream out;

    public Transcript(PrintStream out) {
        this.out = out;
    }

    /** A message or request from one context to another: {@code assets-panel -> main  asset-db:query-info(...)}. */
    public void sent(String from, String to, String what) {
        line(String.format("%-13s -> %-13s %s", from, to, what));
    }

    /** A reply, or the failure that came back instead: {@code main => assets-panel  AssetInfo[...]}. */
    public void replied(String from, String to, String what) {
        line(String.format("%-13s => %-13s %s", from, to, what));
    }

    /** Something a context observed or did on its own. */
    public void note(String who, String what) {
        line(String.format("%-13s    %-13s %s", who, "", what));
    }

    private synchronized void line(String text) {
        out.println(text.stripTrailing());
        out.flush();
    }
}
