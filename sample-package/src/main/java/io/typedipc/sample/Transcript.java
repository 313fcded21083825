package io.typedipc.sample;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The sample's readable log of who sent what to whom and what came back. Main prints its lines; a panel sends its
 * lines to main ({@code transcript:line}), so one transcript shows every process, each panel's lines in its order.
 */
public final class Transcript {
    private final Consumer<String> sink;

    private Transcript(Consumer<String> sink) {
        this.sink = sink;
    }

    /** A transcript printed to {@code out}, one whole line at a time. */
    public static Transcript printingTo(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return new Transcript(text -> {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        });
    }

    /** A transcript whose lines go to main over IPC. */
    public static Transcript sendingTo(TranscriptLines main) {
        Objects.requireNonNull(main, "main");
        return new Transcript(main::line);
    }

    /** A message or request from one context to another: {@code assets -> main  asset-db:query-info(...)}. */
    public void sent(String from, String to, String what) {
        sink.accept(format(from, "->", to, what));
    }

    /** A reply, or the failure that came back instead: {@code main => assets  AssetInfo[...]}. */
    public void replied(String from, String to, String what) {
        sink.accept(format(from, "=>", to, what));
    }

    /** Something a context observed or did on its own. */
    public void note(String who, String what) {
        sink.accept(format(who, "  ", "", what));
    }

    /** A line as it arrived from a panel. */
    public void raw(String line) {
        sink.accept(line);
    }

    private static String format(String from, String arrow, String to, String what) {
        return String.format("%-10s %s %-10s %s", from, arrow, to, what).stripTrailing();
    }
}
