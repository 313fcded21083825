package io.typedipc.benchmarks.api;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** The three message sizes measured: the whole JSON-RPC request is about this many bytes. */
public enum PayloadSize {
    /** About 100 bytes of JSON: a typical small request. */
    SMALL(100),
    /** About 1 KB. */
    KB1(1024),
    /** About 64 KB. */
    KB64(64 * 1024);

    /** A request's envelope without its payload's body: {@code {"jsonrpc":"2.0","id":123,"method":"bench:echo-async","params":[...]}}. */
    private static final int ENVELOPE_BYTES = 62;

    private final int messageBytes;

    PayloadSize(int messageBytes) {
        this.messageBytes = messageBytes;
    }

    /** The target size of a whole request, in bytes. */
    public int messageBytes() {
        return messageBytes;
    }

    /** A payload whose request is about {@link #messageBytes()} long (ASCII body, so characters are bytes). */
    public Payload payload() {
        Payload probe = new Payload(4242, "asset-db", "");
        int bare = JsonMapper.shared().writeValueAsString(probe).getBytes(StandardCharsets.UTF_8).length;
        int bodyLength = Math.max(8, messageBytes - ENVELOPE_BYTES - bare);
        StringBuilder body = new StringBuilder(bodyLength);
        for (int i = 0; i < bodyLength; i++) {
            body.append((char) ('a' + i % 26));
        }
        return new Payload(4242, "asset-db", body.toString());
    }
}
