package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: the same frames, of the same size, pre-encoded once; the server echoes each request's bytes and drops
 * one-way messages, telling them apart by one byte. No JSON work on either side: the physical limit of the transport.
 */
public final class FloorClient extends RawClient {
    /** {@code {"jsonrpc":"2.0","id"...} vs {@code {"jsonrpc":"2.0","method"...}: byte 18 is 'i' or 'm'. */
    private static final int KIND_BYTE = 18;

    private final byte[] request;
    private final byte[] notification;
    private final byte[] barrier;

    public FloorClient(Transport transport, PayloadSize size) throws IOException {
        super(transport, Responder.floor(), RawServer.Floor.class);
        String payload = JsonMapper.shared().writeValueAsString(size.payload());
        request = utf8("{\"jsonrpc\":\"2.0\",\"id\":1000,\"method\":\"bench:echo-async\",\"params\":[" + payload + "]}");
        notification = utf8("{\"jsonrpc\":\"2.0\",\"method\":\"bench:sink\",\"params\":[" + payload + "]}");
        barrier = utf8("{\"jsonrpc\":\"2.0\",\"id\":1001,\"method\":\"bench:barrier\",\"params\":[]}");
    }

    static boolean isRequest(byte[] body) {
        return body[KIND_BYTE] == 'i';
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] request() {
        return request;
    }

    @Override
    byte[] notification() {
        return notification;
    }

    @Override
    byte[] barrier() {
        return barrier;
    }

    @Override
    Object onReply(byte[] body, int length) {
        return body;
    }

    @Override
    void checkBarrier(Object reply, long sent) {
        // The floor does no JSON work: the echoed barrier arriving after every one-way frame is the proof.
    }
}
