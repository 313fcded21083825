package io.typedipc.benchmarks.impl;

import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.typedipc.benchmarks.api.Payload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * gRPC-java's side of the benchmark, with no protoc: hand-built {@link MethodDescriptor}s whose marshaller is Jackson
 * (the same JSON as every other implementation), and a service definition built from {@link ServerCalls}.
 * {@code bench.Bench/Echo} is unary; {@code bench.Bench/Sink} is client-streaming: a burst of one-way messages is
 * one call's messages, and its single response (how many the server has handled in all) is the barrier.
 */
final class GrpcBench {
    static final String SERVICE = "bench.Bench";
    private static final JsonMapper MAPPER = JsonMapper.shared();

    static final MethodDescriptor<Payload, Payload> ECHO = MethodDescriptor.<Payload, Payload>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Echo"))
            .setRequestMarshaller(new Json<>(Payload.class))
            .setResponseMarshaller(new Json<>(Payload.class))
            .build();

    static final MethodDescriptor<Payload, Long> SINK = MethodDescriptor.<Payload, Long>newBuilder()
            .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Sink"))
            .setRequestMarshaller(new Json<>(Payload.class))
            .setResponseMarshaller(new Json<>(Long.class))
            .build();

    private GrpcBench() {
    }

    /** The server: echo replies with its argument; sink counts every message and answers with the total. */
    static ServerServiceDefinition service() {
        AtomicLong sinks = new AtomicLong();
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .addMethod(SINK, ServerCalls.asyncClientStreamingCall(response -> new StreamObserver<Payload>() {
                    @Override
                    public void onNext(Payload value) {
                        sinks.incrementAndGet();
                    }

                    @Override
                    public void onError(Throwable t) {
                        // the client gave up on this burst; nothing to answer
                    }

                    @Override
                    public void onCompleted() {
                        response.onNext(sinks.get());
                        response.onCompleted();
                    }
                }))
                .build();
    }

    /** Jackson as a gRPC marshaller, with a pre-built reader and writer (as the Jackson baseline has). */
    static final class Json<T> implements MethodDescriptor.Marshaller<T> {
        private final ObjectWriter writer;
        private final ObjectReader reader;

        Json(Class<T> type) {
            writer = MAPPER.writerFor(type);
            reader = MAPPER.readerFor(type);
        }

        @Override
        public InputStream stream(T value) {
            return new Bytes(writer.writeValueAsBytes(value));
        }

        @Override
        public T parse(InputStream stream) {
            try {
                return reader.readValue(stream);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }

    /** Encoded bytes that tell gRPC their length, so it frames them without copying into a buffer first. */
    private static final class Bytes extends ByteArrayInputStream implements KnownLength {
        Bytes(byte[] bytes) {
            super(bytes);
        }
    }
}
