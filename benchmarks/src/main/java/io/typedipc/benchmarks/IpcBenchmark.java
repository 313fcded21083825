package io.typedipc.benchmarks;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.benchmarks.impl.BenchClient;
import io.typedipc.benchmarks.impl.Implementation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Every implementation on every transport and payload, one client thread. Each trial starts its own server (in this
 * JVM, or a child JVM for stdio, uds and tcp) and stops it afterwards. See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
public class IpcBenchmark {
    /** Asynchronous requests in flight at once in {@link #pipelined}. */
    public static final int WINDOW = 64;
    /** One-way messages per barrier in {@link #oneWay}. */
    public static final int BATCH = 256;

    @Param({"inproc", "stdio", "uds", "tcp"})
    public String transport;

    @Param({"small", "kb1", "kb64"})
    public String payload;

    @Param({"floor", "jackson", "lsp4j", "typed", "untyped"})
    public String impl;

    private BenchClient client;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        PayloadSize size = PayloadSize.valueOf(payload.toUpperCase(java.util.Locale.ROOT));
        client = Implementation.parse(impl).open(Transport.parse(transport), size);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close();
    }

    /** Blocking echo round trip: the latency distribution (p50, p99, p99.9). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object roundTrip() throws Exception {
        return client.roundTrip();
    }

    /** Asynchronous echo requests, {@value #WINDOW} in flight, then all awaited: requests per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(WINDOW)
    public Object pipelined() throws Exception {
        return client.pipelined(WINDOW);
    }

    /** One-way messages, {@value #BATCH} per barrier round trip that proves they were handled: messages per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public Object oneWay() throws Exception {
        return client.oneWay(BATCH);
    }
}
