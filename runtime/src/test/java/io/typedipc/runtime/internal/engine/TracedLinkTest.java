package io.typedipc.runtime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.spi.Link;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace's link decorator on its own: what it records, and that it changes nothing it carries. */
class TracedLinkTest {
    private final WireFormat wire = new WireFormat(IpcSettings.defaultMapper());
    private final List<FrameFacts> traced = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<byte[]> received = new ArrayList<>();
    private Link.Listener deliver;

    private final Link fake = new Link() {
        @Override
        public void start(Listener listener) {
            deliver = listener;
        }

        @Override
        public void send(byte[] frame) {
            sent.add(frame);
        }

        @Override
        public void close() {
        }

        @Override
        public String describe() {
            return "fake link";
        }
    };

    private Link traced() {
        Link link = TracedLink.wrap(fake, traced::add, wire, "main", () -> "renderer p#1");
        link.start(new Link.Listener() {
            @Override
            public void onFrame(byte[] frame) {
                received.add(frame);
            }

            @Override
            public void onClose(Throwable cause) {
            }
        });
        return link;
    }

    @Test
    void noSinkMeansTheLinkItself() {
        assertSame(fake, TracedLink.wrap(fake, null, wire, "main", () -> "x"));
    }

    @Test
    void framesPassUnchangedAndRepliesAreMatchedToTheirRequestsByDirection() throws Exception {
        Link link = traced();
        byte[] request = bytes("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"p:q\",\"params\":[1]}");
        deliver.onFrame(request);
        byte[] reply = bytes("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":2}");
        link.send(reply);
        // the same id sent by us is another request: it does not answer the one received
        link.send(bytes("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"r:s\"}"));
        deliver.onFrame(bytes("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32000,\"message\":\"m\"}}"));

        assertSame(request, received.get(0));
        assertSame(reply, sent.get(0));
        assertEquals(4, traced.size());
        FrameFacts in = traced.get(0);
        assertFalse(in.sent());
        assertEquals(Envelope.Type.REQUEST, in.type());
        assertEquals("\"a\"", in.id());
        assertEquals("renderer p#1", in.peer());
        assertEquals("fake link", in.link());
        FrameFacts out = traced.get(1);
        assertTrue(out.sent());
        assertEquals("p:q", out.method());
        assertTrue(out.latencyNanos() >= 0);
        FrameFacts error = traced.get(3);
        assertEquals(Envelope.Type.ERROR, error.type());
        assertEquals("r:s", error.method());
        assertEquals(-32000, error.errorCode());
    }

    @Test
    void aFrameThatIsNotJsonRpcIsTracedAsItIsWithControlCharactersEscaped() {
        traced();
        deliver.onFrame(bytes("not json\n\u0001\u2028 here"));
        FrameFacts facts = traced.get(0);
        assertNull(facts.type());
        assertEquals("not json\\n\\u0001\\u2028 here", facts.text());
        assertEquals(1, received.size(), "delivered all the same");
    }

    @Test
    void aReplyToNothingTracedHasNoLatency() throws Exception {
        Link link = traced();
        link.send(bytes("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":null}"));
        assertEquals(-1, traced.get(0).latencyNanos());
        assertNull(traced.get(0).method());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
