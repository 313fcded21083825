package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.harness.Endpoint;
import io.typedipc.benchmarks.harness.Frames;
import io.typedipc.benchmarks.harness.ServerSide;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The child-JVM loop of the floor and the Jackson baseline: read a frame, respond, and flush only when no further
 * request is already buffered (so a pipelined burst is answered with few writes).
 */
final class RawServer {
    private RawServer() {
    }

    static void serve(String[] args, Responder responder) throws IOException {
        try (Endpoint endpoint = ServerSide.connect(args)) {
            Frames.Reader reader = new Frames.Reader(endpoint.in());
            OutputStream out = new BufferedOutputStream(endpoint.out(), 64 * 1024);
            HeaderCache headers = new HeaderCache();
            while (reader.next()) {
                byte[] reply = responder.respond(reader.body(), reader.length());
                if (reply != null) {
                    out.write(headers.header(reply.length));
                    out.write(reply);
                }
                if (!reader.hasBuffered()) {
                    out.flush();
                }
            }
            out.flush();
        }
    }

    /** Server main of the floor: echo each request's bytes. */
    public static final class Floor {
        private Floor() {
        }

        public static void main(String[] args) throws IOException {
            serve(args, Responder.floor());
        }
    }

    /** Server main of the Jackson baseline. */
    public static final class Jackson {
        private Jackson() {
        }

        public static void main(String[] args) throws IOException {
            serve(args, new JacksonResponder(JacksonClient.mapper()));
        }
    }
}
