package io.typedipc.benchmarks;

import io.typedipc.runtime.IpcCall;
import io.typedipc.runtime.IpcInterceptor;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.internal.engine.CallEvent;
import io.typedipc.runtime.internal.engine.ServeEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observability costs, side by side on the cheapest path (an in-process blocking round trip, where the runtime's
 * own work is the whole cost): nothing on ({@code off}), a JFR recording of the call events ({@code jfr}), a counting
 * interceptor on both sides of the call ({@code interceptors}), a {@link TraceRecorder} on both ends ({@code trace}).
 * {@link #disabledCheck} is the whole of what the call hooks add per call when nothing is on. docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ObservabilityBenchmark {

    @Param({"off", "jfr", "interceptors", "trace"})
    public String mode;

    private IpcMain main;
    private IpcRenderer renderer;
    private Recording recording;

    /** Counts calls and their time, as a metrics interceptor would. */
    static final class Counting implements IpcInterceptor {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();

        @Override
        public void intercept(IpcCall call) {
            calls.increment();
        }

        @Override
        public void completed(IpcCall call, IpcCall.Result result) {
            nanos.add(result.duration().toNanos());
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        IpcSettings.Builder mainSettings = IpcSettings.builder();
        IpcSettings.Builder rendererSettings = IpcSettings.builder();
        switch (mode) {
            case "off" -> { }
            case "jfr" -> {
                recording = new Recording();
                recording.enable("io.typedipc.Call");
                recording.enable("io.typedipc.Serve");
                recording.start();
            }
            case "interceptors" -> {
                mainSettings.interceptIncoming(new Counting());
                rendererSettings.interceptOutgoing(new Counting());
            }
            case "trace" -> {
                mainSettings.trace(new TraceRecorder(1000));
                rendererSettings.trace(new TraceRecorder(1000));
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        main = IpcMain.create(mainSettings.build());
        main.handle("bench:echo", (event, args) -> args[0]);
        renderer = IpcRenderer.connectInProcess(main, "bench", rendererSettings.build());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        renderer.close();
        main.close();
        if (recording != null) {
            recording.close();
        }
    }

    /** A blocking untyped echo, renderer to main, in process. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object roundTrip() {
        return renderer.sendSync("bench:echo", "ping");
    }

    /** The check a call makes on each side when no interceptor is registered: are the JFR call events wanted? */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean disabledCheck() {
        return CallEvent.enabled() | ServeEvent.enabled();
    }
}
