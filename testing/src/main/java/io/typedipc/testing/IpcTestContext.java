package io.typedipc.testing;

import io.typedipc.runtime.InProcessRenderer;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.MessageTrace;
import io.typedipc.runtime.PendingRequest;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.transport.ChildProcessTransport;
import io.typedipc.runtime.transport.ChildProcessTransport.ChildRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What one test gets from {@link IpcExtension}: a main context, renderers connected to it in this JVM or in child
 * processes, and what went wrong in them. Everything is made on first use and closed after the test. Not for use
 * from several test threads at once, except {@link #errors()} and {@link #takeErrors()}, which any thread may call.
 *
 * <p>After the test method returns, the extension checks, in this order:
 * <ol>
 *   <li>every request a context made here has its reply ({@link IpcContext#pendingRequests()}), waiting up to
 *       {@link IpcTest#leakGraceMillis()} for the last ones; one still waiting is a <b>leaked pending request</b>;
 *   <li>it closes the renderers, then main, and waits up to {@link #CHILD_EXIT} for each child process to end
 *       (closing main closes its stdin); a child still running is killed, and one that ends with a non-zero exit code
 *       is reported;
 *   <li>every {@link IpcError} of main and of the in-process renderers that the test did not
 *       {@linkplain #takeErrors() take} is an <b>unhandled error</b>.
 * </ol>
 * Any of these fails the test, with all of them in the message. A child process's own errors stay in that process
 * (its standard error is this JVM's).
 */
public final class IpcTestContext {
    /** How long requests may take to finish after the test: see {@link IpcTest#leakGraceMillis()}. */
    public static final long DEFAULT_LEAK_GRACE_MILLIS = 2000;
    /** How long a child process may take to end once main has closed. */
    public static final Duration CHILD_EXIT = Duration.ofSeconds(30);
    /** The most errors kept; more are counted. */
    static final int MAX_ERRORS = 1000;

    private final Duration leakGrace;
    private final TraceRecorder trace = new TraceRecorder();
    private final List<IpcError> errors = new ArrayList<>();
    private long droppedErrors;
    private IpcMain main;
    private final List<InProcessRenderer> renderers = new ArrayList<>();
    private final List<ChildRenderer> children = new ArrayList<>();
    private boolean finished;

    IpcTestContext(Duration leakGrace) {
        this.leakGrace = Objects.requireNonNull(leakGrace, "leakGrace");
    }

    /** The test's main context, with default settings (made on first use, and traced). */
    public IpcMain main() {
        if (main == null) {
            main(IpcSettings.defaults());
        }
        return main;
    }

    /**
     * Makes the test's main context with {@code settings} (the kit adds its trace recorder to them, after the trace
     * they have).
     *
     * @throws IllegalStateException if main has been made already (by this or by {@link #main()})
     */
    public IpcMain main(IpcSettings settings) {
        Objects.requireNonNull(settings, "settings");
        ensureOpen();
        if (main != null) {
            throw new IllegalStateException("main is made already: call main(settings) before anything uses main()");
        }
        main = watch(IpcMain.create(traced(settings)));
        return main;
    }

    /** A renderer named {@code name} in this JVM, connected to {@link #main()}, with default settings. */
    public IpcRenderer renderer(String name) {
        return renderer(name, IpcSettings.defaults(), renderer -> { });
    }

    /** As {@link #renderer(String)}, with the renderer's own settings. */
    public IpcRenderer renderer(String name, IpcSettings settings) {
        return renderer(name, settings, renderer -> { });
    }

    /**
     * As {@link #renderer(String, IpcSettings)}, running {@code setup} before main can call the renderer (see
     * {@link IpcMain#connectInProcess(String, IpcSettings, Consumer)}). Its name is the one main gave it
     * ({@code name-2} if {@code name} is taken).
     */
    public IpcRenderer renderer(String name, IpcSettings settings, Consumer<? super IpcRenderer> setup) {
        Objects.requireNonNull(settings, "settings");
        IpcMain target = main();
        InProcessRenderer connected = target.connectInProcess(name, traced(settings), setup);
        watch(connected.renderer());
        renderers.add(connected);
        return connected.renderer();
    }

    /**
     * Main's handle for a renderer this kit connected in this JVM.
     *
     * @throws IllegalArgumentException if this kit did not connect {@code renderer}
     */
    public RendererHandle handle(IpcRenderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        for (InProcessRenderer connected : renderers) {
            if (connected.renderer() == renderer) {
                return connected.handle();
            }
        }
        throw new IllegalArgumentException(renderer + " was not connected by this test's IpcTestContext");
    }

    /**
     * Launches {@code mainClass} in a child JVM ({@link #javaCommand}) as a renderer of {@link #main()} named
     * {@code name}, over the child's stdin and stdout. The class's {@code main} must connect with
     * {@code StdioTransport.connectRenderer(name, settings, setup)}, registering its channels in {@code setup}, and
     * end when {@code awaitDisconnect} returns; see docs/testing.md.
     *
     * @throws IllegalArgumentException if {@code mainClass} has no {@code public static void main(String[])}
     */
    public ChildRenderer child(Class<?> mainClass, String name, String... args) {
        return child(javaCommand(mainClass, args), name);
    }

    /**
     * Launches {@code command} (any program that speaks JSON-RPC with Content-Length framing on its stdin and stdout:
     * {@link #javaCommand} with JVM options of your own, {@code node renderer.js}, …) as a renderer named
     * {@code name}; as {@link ChildProcessTransport#launch(IpcMain, ProcessBuilder, String)}.
     */
    public ChildRenderer child(ProcessBuilder command, String name) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(name, "name");
        IpcMain target = main();
        try {
            ChildRenderer child = ChildProcessTransport.launch(target, command, name);
            children.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not launch renderer " + name + ": " + command.command(), e);
        }
    }

    /**
     * The command that runs {@code mainClass} in a new JVM: this JVM's own {@code java} ({@code java.home}) with this
     * JVM's class path ({@code java.class.path}: the test classes, the code under test and its dependencies, also
     * under Surefire's manifest-only jar), then {@code args}. Add JVM options with
     * {@code command().add(1, "-Xmx64m")}.
     *
     * @throws IllegalArgumentException if {@code mainClass} has no {@code public static void main(String[])}
     */
    public static ProcessBuilder javaCommand(Class<?> mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(args, "args");
        checkMainMethod(mainClass);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        for (String arg : args) {
            command.add(Objects.requireNonNull(arg, "args contains null"));
        }
        return new ProcessBuilder(command);
    }

    /** The errors main and the in-process renderers reported so far and the test has not taken. */
    public List<IpcError> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /**
     * Takes the errors reported so far: they are the test's now, and no longer fail it. A test that makes a handler
     * fail on purpose takes the error and checks it.
     */
    public List<IpcError> takeErrors() {
        synchronized (errors) {
            List<IpcError> taken = List.copyOf(errors);
            errors.clear();
            return taken;
        }
    }

    /**
     * The message trace of main and of the in-process renderers (each frame in and out, the last
     * {@link TraceRecorder#DEFAULT_CAPACITY}); written out when the test fails.
     */
    public TraceRecorder trace() {
        return trace;
    }

    /**
     * The requests still waiting for a reply in main and in the in-process renderers, each named by its context. What
     * the leak check at the end of the test looks at.
     */
    public List<String> pendingRequests() {
        List<String> pending = new ArrayList<>();
        for (IpcContext context : contexts()) {
            for (PendingRequest request : context.pendingRequests()) {
                pending.add(context + ": " + request);
            }
        }
        return pending;
    }

    // ---------------------------------------------------------------------------------------- for the extension

    /**
     * Checks and closes everything, as the class comment says; returns what failed, or an empty list. Called once.
     */
    List<String> finish(boolean failOnErrors) throws InterruptedException {
        finished = true;
        List<String> problems = new ArrayList<>();
        for (String leaked : awaitNoPendingRequests()) {
            problems.add("leaked pending request (no reply " + leakGrace.toMillis() + " ms after the test): " + leaked);
        }
        List<Process> running = new ArrayList<>();
        for (ChildRenderer child : children) {
            if (child.process().isAlive()) {
                running.add(child.process());
            }
        }
        for (InProcessRenderer renderer : renderers) {
            renderer.close();
        }
        if (main != null) {
            main.close();
        }
        for (ChildRenderer child : children) {
            Process process = child.process();
            if (!process.waitFor(CHILD_EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(CHILD_EXIT.toMillis(), TimeUnit.MILLISECONDS);
                problems.add("child renderer " + child.handle().name() + " (pid " + process.pid()
                        + ") was still running " + CHILD_EXIT.toSeconds() + " s after main closed; killed it");
            } else if (running.contains(process) && process.exitValue() != 0) {
                problems.add("child renderer " + child.handle().name() + " (pid " + process.pid()
                        + ") exited with " + process.exitValue() + " after main closed");
            }
        }
        if (failOnErrors) {
            synchronized (errors) {
                for (IpcError error : errors) {
                    problems.add("unhandled error: " + error);
                }
                if (droppedErrors > 0) {
                    problems.add(droppedErrors + " more unhandled errors (only " + MAX_ERRORS + " are kept)");
                }
            }
        }
        return problems;
    }

    /** Waits up to the grace for the pending requests to finish; returns those still pending. */
    private List<String> awaitNoPendingRequests() throws InterruptedException {
        long giveUp = System.nanoTime() + leakGrace.toNanos();
        List<String> pending = pendingRequests();
        while (!pending.isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(5); // polling with a deadline; a test that waited for its calls never gets here
            pending = pendingRequests();
        }
        return pending;
    }

    private List<IpcContext> contexts() {
        List<IpcContext> contexts = new ArrayList<>();
        if (main != null) {
            contexts.add(main);
        }
        for (InProcessRenderer renderer : renderers) {
            contexts.add(renderer.renderer());
        }
        return contexts;
    }

    private <C extends IpcContext> C watch(C context) {
        context.onError(this::record);
        return context;
    }

    private void record(IpcError error) {
        synchronized (errors) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(error);
            } else {
                droppedErrors++;
            }
        }
    }

    private IpcSettings traced(IpcSettings settings) {
        ensureOpen();
        MessageTrace own = settings.trace();
        return settings.toBuilder().trace(own == null ? trace : trace.andThen(own)).build();
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("this test's IpcTestContext is closed: the test is over");
        }
    }

    private static void checkMainMethod(Class<?> mainClass) {
        try {
            Method method = mainClass.getMethod("main", String[].class);
            if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == void.class) {
                return;
            }
        } catch (NoSuchMethodException e) {
            // reported below
        }
        throw new IllegalArgumentException(mainClass.getName() + " has no public static void main(String[]) to run"
                + " in the child process");
    }
}
