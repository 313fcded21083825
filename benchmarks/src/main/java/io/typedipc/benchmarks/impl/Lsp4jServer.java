package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.Payload;
import io.typedipc.benchmarks.harness.Endpoint;
import io.typedipc.benchmarks.harness.ServerSide;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/** LSP4J's server: the service object, and the child-JVM main that serves it. */
public final class Lsp4jServer implements Lsp4jApi {
    /**
     * LSP4J logs every stream close at INFO with a stack trace (java.util.logging); each benchmark trial closes its
     * streams, so only warnings are kept. Held here so the logger and its level are not garbage-collected.
     */
    static final Logger LSP4J_LOG = quietLogger();

    private static Logger quietLogger() {
        Logger logger = Logger.getLogger("org.eclipse.lsp4j.jsonrpc");
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private final AtomicLong sinks = new AtomicLong();

    @Override
    public CompletableFuture<Payload> echo(Payload payload) {
        return CompletableFuture.completedFuture(payload);
    }

    @Override
    public CompletableFuture<Payload> echoAsync(Payload payload) {
        return CompletableFuture.completedFuture(payload);
    }

    @Override
    public void sink(Payload payload) {
        sinks.incrementAndGet();
    }

    @Override
    public CompletableFuture<Long> barrier() {
        return CompletableFuture.completedFuture(sinks.get());
    }

    /** Starts serving on the streams; LSP4J reads on its own thread. */
    static Future<Void> serve(InputStream in, OutputStream out, ExecutorService executor) {
        Launcher<ClientSide> launcher = Launcher.createLauncher(new Lsp4jServer(), ClientSide.class, in, out,
                executor, null);
        return launcher.startListening();
    }

    /**
     * LSP4J reads each header byte with {@code InputStream.read()} and writes header and content separately, then
     * flushes: it is given buffered streams, as a careful user would, so that it is not charged a system call per byte.
     */
    static InputStream buffered(InputStream in) {
        return new BufferedInputStream(in, 64 * 1024);
    }

    /** See {@link #buffered(InputStream)}. */
    static OutputStream buffered(OutputStream out) {
        return new BufferedOutputStream(out, 64 * 1024);
    }

    /** LSP4J's default pool, with daemon threads so that a JVM can end with a launcher still listening. */
    static ExecutorService daemonPool() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lsp4j");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The client's side as the server sees it: it serves nothing. */
    public interface ClientSide {
    }

    public static void main(String[] args) throws Exception {
        try (Endpoint endpoint = ServerSide.connect(args)) {
            serve(buffered(endpoint.in()), buffered(endpoint.out()), daemonPool()).get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof JsonRpcException)) {
                throw e;
            }
            // the stream ended or broke: the client is gone
        }
    }
}
