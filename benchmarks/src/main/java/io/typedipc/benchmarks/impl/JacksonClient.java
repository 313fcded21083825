package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.Payload;
import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.benchmarks.impl.JsonMessages.CountResponse;
import io.typedipc.benchmarks.impl.JsonMessages.Notification;
import io.typedipc.benchmarks.impl.JsonMessages.PayloadResponse;
import io.typedipc.benchmarks.impl.JsonMessages.Request;
import java.io.IOException;
import java.util.List;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written Jackson baseline: each request is encoded with an ObjectMapper (pre-built writers), framed and
 * sent; each reply is decoded into a typed response. No futures, no id map, no deadlines: what a careful hand-written
 * client does, and a lower bound for any JSON implementation.
 */
public final class JacksonClient extends RawClient {
    private final ObjectWriter requestWriter;
    private final ObjectWriter notificationWriter;
    private final ObjectReader payloadReply;
    private final ObjectReader countReply;
    private final Payload payload;
    private long nextId;
    private volatile boolean expectCount;

    public JacksonClient(Transport transport, PayloadSize size) throws IOException {
        super(transport, new JacksonResponder(mapper()), RawServer.Jackson.class);
        JsonMapper mapper = mapper();
        requestWriter = mapper.writerFor(Request.class);
        notificationWriter = mapper.writerFor(Notification.class);
        payloadReply = mapper.readerFor(PayloadResponse.class);
        countReply = mapper.readerFor(CountResponse.class);
        payload = size.payload();
    }

    static JsonMapper mapper() {
        return JsonMapper.builder().build();
    }

    @Override
    byte[] request() {
        expectCount = false;
        return requestWriter.writeValueAsBytes(new Request(++nextId, "bench:echo-async", List.of(payload)));
    }

    @Override
    byte[] notification() {
        return notificationWriter.writeValueAsBytes(new Notification("bench:sink", List.of(payload)));
    }

    @Override
    byte[] barrier() {
        expectCount = true;
        return requestWriter.writeValueAsBytes(new Request(++nextId, "bench:barrier", List.of()));
    }

    @Override
    Object onReply(byte[] body, int length) {
        if (expectCount) {
            CountResponse reply = countReply.readValue(body, 0, length);
            return reply.result;
        }
        PayloadResponse reply = payloadReply.readValue(body, 0, length);
        return reply.result;
    }

    @Override
    void checkBarrier(Object reply, long sent) {
        if (!(reply instanceof Long count) || count != sent) {
            throw new IllegalStateException("the server handled " + reply + " one-way messages, not " + sent);
        }
    }
}
