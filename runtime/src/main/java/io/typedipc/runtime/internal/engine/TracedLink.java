package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.LogText;
import io.typedipc.runtime.internal.wire.ProtocolViolation;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.spi.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A link that shows every frame it carries, in and out, to a {@link FrameSink} (the message trace), then passes it
 * on unchanged. A frame is traced as it is handed to the link to be sent (so a request is always traced before its
 * reply, even in-process where the reply can come back on the sending thread) and as it arrives, before the runtime
 * looks at it. Replies are matched to the requests they answer on this link, for the channel and the latency.
 */
public final class TracedLink implements Link {
    /** How much of a frame's JSON the trace carries; longer frames are cut and say their full size. */
    public static final int MAX_TEXT_BYTES = 4096;
    /** Requests remembered for matching their replies; beyond this, replies are traced without a latency. */
    static final int MAX_OPEN_REQUESTS = 4096;

    private final Link link;
    private final FrameSink sink;
    private final WireFormat wire;
    private final String context;
    private final Supplier<String> peer;
    /** Requests traced and not yet answered, by direction and id: "s" + id sent by us, "r" + id received. */
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    private record Open(String method, long nanoTime) {}

    private TracedLink(Link link, FrameSink sink, WireFormat wire, String context, Supplier<String> peer) {
        this.link = link;
        this.sink = sink;
        this.wire = wire;
        this.context = context;
        this.peer = peer;
    }

    /**
     * {@code link} traced into {@code sink}, or {@code link} itself when {@code sink} is {@code null}.
     *
     * @param peer who is at the other end, asked once per frame (it is known only once the connection starts)
     */
    public static Link wrap(Link link, FrameSink sink, WireFormat wire, String context, Supplier<String> peer) {
        return sink == null ? link : new TracedLink(link, sink, wire, context, peer);
    }

    @Override
    public void start(Listener listener) {
        link.start(new Listener() {
            @Override
            public void onFrame(byte[] frame) {
                trace(false, frame);
                listener.onFrame(frame);
            }

            @Override
            public void onClose(Throwable cause) {
                open.clear();
                listener.onClose(cause);
            }
        });
    }

    @Override
    public void send(byte[] frame) throws IOException {
        trace(true, frame);
        link.send(frame);
    }

    @Override
    public boolean offer(byte[] frame) throws IOException {
        trace(true, frame);
        return link.offer(frame);
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String describe() {
        return link.describe();
    }

    private void trace(boolean sent, byte[] frame) {
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        Envelope.Type type = null;
        String id = null;
        String method = null;
        int errorCode = 0;
        long latency = -1;
        try {
            Envelope message = wire.decode(frame);
            type = message.type();
            id = message.id() == null ? null : message.id() instanceof String text ? "\"" + text + "\"" : message.id().toString();
            method = message.method();
            errorCode = type == Envelope.Type.ERROR ? message.errorCode() : 0;
            if (type == Envelope.Type.REQUEST && id != null) {
                if (open.size() < MAX_OPEN_REQUESTS) {
                    open.put((sent ? "s" : "r") + id, new Open(method, nanos));
                }
            } else if ((type == Envelope.Type.RESULT || type == Envelope.Type.ERROR) && id != null) {
                Open request = open.remove((sent ? "r" : "s") + id); // a reply we send answers a request we received
                if (request != null) {
                    method = request.method();
                    latency = nanos - request.nanoTime();
                }
            }
        } catch (ProtocolViolation notJsonRpc) {
            // traced as it is, with no kind: the trace is where one looks for such frames
        }
        sink.frame(new FrameFacts(sent, context, peer.get(), link.describe(), millis, nanos, frame.length, type,
                id == null ? null : LogText.of(id), method == null ? null : LogText.of(method), errorCode, latency,
                text(frame)));
    }

    /** The frame's first {@link #MAX_TEXT_BYTES} bytes as text, control characters escaped, its size if cut. */
    static String text(byte[] frame) {
        int length = Math.min(frame.length, MAX_TEXT_BYTES);
        String text = LogText.of(new String(frame, 0, length, StandardCharsets.UTF_8), Integer.MAX_VALUE);
        return frame.length > length ? text + "…(" + frame.length + " bytes)" : text;
    }
}
