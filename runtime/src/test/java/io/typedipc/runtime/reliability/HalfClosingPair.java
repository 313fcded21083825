package io.typedipc.runtime.reliability;

import io.typedipc.runtime.transport.spi.Link;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two linked ends in one JVM whose close opens the window a real WebSocket has: closing end {@code a} first stops
 * {@code a}'s own sends, then tells {@code b} (whose output stays open, as a WebSocket endpoint may still send after
 * it received the close frame), and only then reports the close to {@code a}'s listener. What {@code b} sends in
 * between still reaches {@code a}'s listener — exactly what Jetty does between {@code WebSocketLink.closeWith}'s
 * close frame and its {@code onClose}. Frames go straight to the other end's listener on the sending thread.
 */
final class HalfClosingPair {
    final End a = new End("a");
    final End b = new End("b");

    HalfClosingPair() {
        a.peer = b;
        b.peer = a;
    }

    final class End implements Link {
        private final String name;
        private End peer;
        private volatile Listener listener;
        private volatile boolean closed;
        private volatile boolean told;
        /** What this end sent after it had been told of the close. */
        final List<String> sentAfterClose = new CopyOnWriteArrayList<>();

        End(String name) {
            this.name = name;
        }

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void send(byte[] frame) throws IOException {
            if (closed) {
                throw new IOException(describe() + " is closed");
            }
            if (told) {
                sentAfterClose.add(new String(frame, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!peer.told) { // a listener that has reported its close gets nothing more
                peer.listener.onFrame(frame);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            peer.tell();
            tell();
        }

        private void tell() {
            if (!told) {
                told = true;
                listener.onClose(null);
            }
        }

        @Override
        public String describe() {
            return "half-closing pair end " + name;
        }
    }
}
