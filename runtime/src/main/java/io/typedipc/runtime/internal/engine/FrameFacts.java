package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.Envelope;

/**
 * What the message trace knows about one frame, in engine terms (the API's {@code TracedFrame} is made from it).
 *
 * @param sent whether this context sent the frame (else it received it)
 * @param context this context's name ({@code "main"} or the renderer's)
 * @param peer the other end, as handlers know it ({@code "renderer panel#1"}, {@code "main"})
 * @param link the link's own description ({@code "stdio pid 4242"})
 * @param epochMillis the wall-clock time the frame was handed over or received
 * @param nanoTime {@link System#nanoTime()} at that moment, for intervals
 * @param bytes the frame's size in bytes
 * @param type its JSON-RPC kind, or {@code null} if it is not a valid JSON-RPC message
 * @param id the request id as text (a string id in quotes), or {@code null}
 * @param method the channel of a request or notification; for a reply, the channel of the request it answers when
 *     that request was traced on this link, else {@code null}
 * @param errorCode the code of an error reply, else 0
 * @param latencyNanos for a reply: the time since the request it answers was traced on this link, else -1
 * @param text the frame's JSON, cut and with control characters escaped
 */
public record FrameFacts(boolean sent, String context, String peer, String link, long epochMillis, long nanoTime,
        int bytes, Envelope.Type type, String id, String method, int errorCode, long latencyNanos, String text) {
}
