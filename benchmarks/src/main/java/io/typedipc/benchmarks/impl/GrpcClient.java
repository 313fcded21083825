package io.typedipc.benchmarks.impl;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.typedipc.benchmarks.api.Payload;
import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.ChildProcess;
import io.typedipc.benchmarks.harness.Transport;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java 1.x as its users wire it: in process ({@code InProcessServerBuilder} / {@code InProcessChannelBuilder}),
 * or Netty over TCP loopback to a server in a child JVM; with gRPC's default executors (a cached thread pool on each
 * side) or with {@code directExecutor()} on both the server and the channel (handlers and callbacks run on the
 * transport's threads: gRPC's fastest and least safe setting). Calls go through {@link ClientCalls}, as generated
 * stubs do.
 */
public final class GrpcClient implements BenchClient {
    private final Payload payload;
    private final ManagedChannel channel;
    private final Server inProcessServer;
    private final Process child;
    private long sent;
    private final List<ListenableFuture<Payload>> inFlight = new ArrayList<>();

    public GrpcClient(Transport transport, PayloadSize size, boolean direct) throws IOException {
        payload = size.payload();
        switch (transport) {
            case INPROC -> {
                String name = "bench-" + System.nanoTime();
                InProcessServerBuilder server = InProcessServerBuilder.forName(name).addService(GrpcBench.service());
                InProcessChannelBuilder client = InProcessChannelBuilder.forName(name);
                if (direct) {
                    server.directExecutor();
                    client.directExecutor();
                }
                inProcessServer = server.build().start();
                channel = client.build();
                child = null;
            }
            case TCP -> {
                List<String> command = ChildProcess.javaCommand(ServerMain.class);
                command.add(direct ? "direct" : "default");
                File log = new File(System.getProperty("java.io.tmpdir"), "typed-ipc-bench-server.log");
                child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
                String port = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                if (port == null) {
                    throw new IOException("the gRPC server did not start; see " + log);
                }
                NettyChannelBuilder client = NettyChannelBuilder
                        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)))
                        .usePlaintext();
                if (direct) {
                    client.directExecutor();
                }
                channel = client.build();
                inProcessServer = null;
            }
            default -> throw new IllegalArgumentException("gRPC is measured in process and over TCP, not " + transport);
        }
    }

    @Override
    public Object roundTrip() {
        return ClientCalls.blockingUnaryCall(channel, GrpcBench.ECHO, CallOptions.DEFAULT, payload);
    }

    @Override
    public Object pipelined(int window) throws Exception {
        inFlight.clear();
        for (int i = 0; i < window; i++) {
            inFlight.add(ClientCalls.futureUnaryCall(channel.newCall(GrpcBench.ECHO, CallOptions.DEFAULT), payload));
        }
        Object last = null;
        for (ListenableFuture<Payload> future : inFlight) {
            last = future.get();
        }
        return last;
    }

    @Override
    public Object oneWay(int count) throws Exception {
        CompletableFuture<Long> handled = new CompletableFuture<>();
        StreamObserver<Payload> burst = ClientCalls.asyncClientStreamingCall(
                channel.newCall(GrpcBench.SINK, CallOptions.DEFAULT), new StreamObserver<Long>() {
                    @Override
                    public void onNext(Long value) {
                        handled.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        handled.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        handled.completeExceptionally(new IllegalStateException("no count in the sink's reply"));
                    }
                });
        for (int i = 0; i < count; i++) {
            burst.onNext(payload);
        }
        burst.onCompleted();
        sent += count;
        long total = handled.get(60, TimeUnit.SECONDS);
        if (total != sent) {
            throw new IllegalStateException("the server handled " + total + " one-way messages, not " + sent);
        }
        return total;
    }

    @Override
    public List<Long> processIds() {
        return child == null ? List.of() : List.of(child.pid());
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        if (inProcessServer != null) {
            inProcessServer.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (child != null) {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Child-JVM main: a gRPC Netty server on a loopback port ({@code default} or {@code direct} executor); prints the
     * port on stdout, serves until its stdin ends.
     */
    public static final class ServerMain {
        private ServerMain() {
        }

        public static void main(String[] args) throws Exception {
            NettyServerBuilder builder = NettyServerBuilder
                    .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(GrpcBench.service());
            if ("direct".equals(args[0])) {
                builder.directExecutor();
            }
            Server server = builder.build().start();
            System.out.println(((InetSocketAddress) server.getListenSockets().get(0)).getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the end of stdin: the benchmark is done
            }
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
