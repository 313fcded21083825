package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.TracedLink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One frame of the message trace ({@link MessageTrace}): a JSON-RPC message this context sent or received, with
 * who was at the other end and when.
 *
 * @param direction whether this context sent or received it
 * @param context this context: {@code "main"} or the renderer's name
 * @param peer who is at the other end, as handlers see it: {@code "renderer panel#1"} in main, {@code "main"} in a
 *     renderer
 * @param link the transport's description of the link, such as {@code "stdio pid 4242"}
 * @param time when it was handed to the link to be sent, or when it arrived (wall clock)
 * @param nanoTime {@link System#nanoTime()} at that moment, to measure intervals between frames
 * @param bytes the size of the frame's JSON in bytes
 * @param kind what JSON-RPC message it is
 * @param id the request id ({@code 7}, or {@code "a"} in quotes for a string id); {@code null} for notifications
 * @param method the channel (or protocol method such as {@code $/cancelRequest}) of a request or notification; for a
 *     reply, the channel of the request it answers when that request was traced on the same link; else {@code null}
 * @param errorCode the JSON-RPC error code of an error reply, else 0
 * @param latency for a reply: the time since the request it answers was traced on the same link; else {@code null}
 * @param text the frame's JSON: its first {@value #MAX_TEXT_BYTES} bytes (a longer frame ends with
 *     {@code …(N bytes)}), with control and line-separator characters escaped so one frame is one line
 */
public record TracedFrame(Direction direction, String context, String peer, String link, Instant time, long nanoTime,
        int bytes, Kind kind, String id, String method, int errorCode, Duration latency, String text) {

    /** The longest part of a frame's JSON that {@link #text()} carries, in bytes. */
    public static final int MAX_TEXT_BYTES = TracedLink.MAX_TEXT_BYTES;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** Which way a frame went, seen from the tracing context. */
    public enum Direction {
        SENT, RECEIVED
    }

    /** The JSON-RPC kind of a frame. */
    public enum Kind {
        REQUEST, NOTIFICATION, RESULT, ERROR,
        /** Not a JSON-RPC 2.0 message the runtime accepts (the runtime answers it with a protocol error). */
        INVALID
    }

    /** {@link #latency()}, when there is one. */
    public Optional<Duration> latencyIfKnown() {
        return Optional.ofNullable(latency);
    }

    /**
     * One line for a log or a test report, such as
     * {@code 12:00:00.120 main -> renderer panel#1: request #3 asset-db:query-info (52 bytes) {"jsonrpc":...}}
     * (the time in the system's time zone; {@code <-} for received frames).
     */
    public String format() {
        StringBuilder line = new StringBuilder(96 + text.length());
        line.append(LocalTime.ofInstant(time, ZoneId.systemDefault()).format(CLOCK)).append(' ')
                .append(context).append(direction == Direction.SENT ? " -> " : " <- ").append(peer).append(": ")
                .append(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (id != null) {
            line.append(" #").append(id);
        }
        if (method != null) {
            line.append(' ').append(method);
        }
        if (kind == Kind.ERROR) {
            line.append(" code ").append(errorCode);
        }
        if (latency != null) {
            line.append(" after ").append(formatLatency(latency));
        }
        return line.append(" (").append(bytes).append(" bytes) ").append(text).toString();
    }

    private static String formatLatency(Duration latency) {
        long micros = latency.toNanos() / 1000;
        return micros < 10_000 ? micros / 1000 + "." + String.format("%03d", micros % 1000) + " ms" : micros / 1000 + " ms";
    }

    @Override
    public String toString() {
        return format();
    }
}
