package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The renderer's side of {@link ChildProcessTransport}: connects this process, as a renderer, to the main process
 * that launched it, over this process's own stdin and stdout.
 *
 * <pre>{@code
 * public static void main(String[] args) throws InterruptedException {
 *     // register the renderer's channels in setup, before the first message from main is read
 *     IpcRenderer renderer = StdioTransport.connectRenderer("assets-panel", IpcSettings.defaults(),
 *             r -> AssetPanelDispatcher.register(r, new AssetPanelImpl()));
 *     renderer.awaitDisconnect(Long.MAX_VALUE, TimeUnit.DAYS);   // returns when main closes or its process ends
 *     renderer.close();
 * }
 * }</pre>
 *
 * Stdout carries frames, so it is taken away from the rest of the program: {@link System#out} is pointed at
 * {@link System#err}, and {@link System#in} is replaced by an empty stream, so a stray {@code println} or a library
 * reading stdin cannot corrupt the protocol. Native code or child processes that write to file descriptor 1
 * directly are not covered. Call it once, before anything else prints.
 *
 * <p>What the renderer sent is written before the process exits, however it ends (returning from {@code main},
 * {@code System.exit}, after {@code close()} or not): the JVM's exit waits up to 5 seconds for the queued frames.
 */
public final class StdioTransport {
    private static final AtomicBoolean CONNECTED = new AtomicBoolean();

    private StdioTransport() {}

    /**
     * Connects over stdin/stdout with {@code settings}' {@link IpcSettings#wireLimits()}.
     *
     * @throws IllegalStateException if this process already connected over stdio
     */
    public static IpcRenderer connectRenderer(String name, IpcSettings settings) {
        return connectRenderer(name, settings, renderer -> { });
    }

    /**
     * As {@link #connectRenderer(String, IpcSettings)}, running {@code setup} before the first message from main is
     * read: register the renderer's handlers there so that main's first request finds them.
     */
    public static IpcRenderer connectRenderer(String name, IpcSettings settings, Consumer<? super IpcRenderer> setup) {
        if (!CONNECTED.compareAndSet(false, true)) {
            throw new IllegalStateException("this process is already connected over its stdin and stdout");
        }
        System.out.flush();
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        // Main is this process's one peer, so the dispatch thread may write its replies to stdout itself.
        StreamLink link = new StreamLink(in, out, null, "stdio pid " + ProcessHandle.current().pid(),
                settings.wireLimits(), StreamLink.OwnWrites.ALL);
        ExitFlush.register(link); // this process's life is the connection: what it sent reaches main even at exit
        return IpcRenderer.connect(link, name, settings, setup);
    }
}
