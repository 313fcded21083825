package io.typedipc.benchmarks.impl;

/** The hand-written server logic of the floor and the Jackson baseline: one frame body in, a reply body or nothing out. */
interface Responder {

    /** Returns the reply body, or {@code null} for a one-way message. {@code body} may be reused after the call. */
    byte[] respond(byte[] body, int length);

    /** The floor: requests are echoed byte for byte; it tells a request from a notification by one byte, no JSON. */
    static Responder floor() {
        return (body, length) -> FloorClient.isRequest(body) ? java.util.Arrays.copyOf(body, length) : null;
    }
}
