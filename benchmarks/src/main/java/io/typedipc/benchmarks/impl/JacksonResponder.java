package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.impl.JsonMessages.CountResponse;
import io.typedipc.benchmarks.impl.JsonMessages.Incoming;
import io.typedipc.benchmarks.impl.JsonMessages.PayloadResponse;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson baseline's server: decode the request with an ObjectMapper, call the method, encode the reply. */
final class JacksonResponder implements Responder {
    private final ObjectReader incoming;
    private final ObjectWriter payloadResponse;
    private final ObjectWriter countResponse;
    private long sinks;

    JacksonResponder(JsonMapper mapper) {
        incoming = mapper.readerFor(Incoming.class);
        payloadResponse = mapper.writerFor(PayloadResponse.class);
        countResponse = mapper.writerFor(CountResponse.class);
    }

    @Override
    public byte[] respond(byte[] body, int length) {
        Incoming message = incoming.readValue(body, 0, length);
        switch (message.method) {
            case "bench:echo", "bench:echo-async" -> {
                return payloadResponse.writeValueAsBytes(new PayloadResponse(message.id, message.params.get(0)));
            }
            case "bench:sink" -> {
                sinks++;
                return null;
            }
            case "bench:barrier" -> {
                return countResponse.writeValueAsBytes(new CountResponse(message.id, sinks));
            }
            default -> throw new IllegalArgumentException("no such method: " + message.method);
        }
    }
}
