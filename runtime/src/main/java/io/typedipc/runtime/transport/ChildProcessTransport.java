package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

/**
 * Main's side of a renderer in a child process that speaks over its stdin and stdout: another JVM whose
 * {@code main} calls {@link StdioTransport#connectRenderer}, or any program that speaks JSON-RPC 2.0 with
 * Content-Length framing (a Node.js program using {@code vscode-jsonrpc}, an LSP library).
 *
 * <pre>{@code
 * ChildRenderer child = ChildProcessTransport.launch(main,
 *         new ProcessBuilder("java", "-cp", classpath, "com.example.PanelMain"), "assets-panel");
 * AssetPanel panel = new AssetPanelSender(child.handle());
 * }</pre>
 *
 * The child's stdin and stdout carry frames; its stderr passes through to this process's stderr unless the builder
 * redirects it elsewhere. When the child exits, crashes or is killed, its stdout ends: the link closes and every
 * request still waiting on it fails at once with {@code IpcDisconnectedException}. If the stream does not end within
 * {@link #EXIT_GRACE} of the process's exit (a grandchild kept the pipe open), the link is closed anyway. Closing the
 * link (or main) closes the child's stdin, so its renderer sees the end of the stream and shuts down; the process is
 * not killed.
 *
 * <p>Main's first frame to the child is a {@value StdioTransport#WELCOME_METHOD} notification with the renderer's id
 * and the name main gave it, and the child's environment has {@value StdioTransport#WELCOME_ENV} set, so a Java
 * child's {@link StdioTransport#connectRenderer} knows its {@code IpcRenderer.id()} from the start. Other JSON-RPC
 * peers may ignore it: like every {@code $/} notification, it needs no answer.
 */
public final class ChildProcessTransport {

    /** How long after the child's exit its stdout may stay open before the link is closed regardless. */
    public static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(ChildProcessTransport.class.getName());

    private ChildProcessTransport() {}

    /** A launched child process and the renderer handle main talks to it through. */
    public record ChildRenderer(RendererHandle handle, Process process) {}

    /**
     * Starts the child and attaches it to {@code main} as a renderer named {@code name}, with main's
     * {@link io.typedipc.runtime.IpcSettings#wireLimits()}.
     *
     * @throws IOException if the process cannot be started
     */
    public static ChildRenderer launch(IpcMain main, ProcessBuilder builder, String name) throws IOException {
        return launch(main, builder, name, null);
    }

    /**
     * As {@link #launch(IpcMain, ProcessBuilder, String)}, for a panel of {@code window} ({@code null}: of none):
     * main names the window, as it names the renderer, since stdio has no handshake.
     */
    public static ChildRenderer launch(IpcMain main, ProcessBuilder builder, String name, String window)
            throws IOException {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(name, "name");
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        if (builder.redirectErrorStream()) {
            throw new IllegalArgumentException("the child's stderr cannot be merged into stdout: stdout carries frames");
        }
        if (builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        if (window != null) {
            IpcSettings.checkWindowName(window); // before a process is started for nothing
        }
        WireLimits limits = main.settings().wireLimits();
        // The child's StdioTransport reads main's first frame, the $/welcome with its id and name, before anything.
        builder.environment().put(StdioTransport.WELCOME_ENV, SocketTransport.PROTOCOL);
        Process process = builder.start();
        StreamLink link = new StreamLink(process.getInputStream(), process.getOutputStream(), null,
                "child " + name + " pid " + process.pid(), limits, StreamLink.OwnWrites.SENT);
        // A sender's own write to a child that stopped reading is released by ending the child (see StreamLink).
        link.onWriteStall(process::destroyForcibly);
        RendererHandle handle = main.attach(link, name, window, StdioTransport::welcomeFrame);
        process.onExit().thenRun(() -> LinkTimer.schedule(() -> {
            if (handle.isConnected()) {
                LOG.log(Level.INFO, () -> "child " + name + " pid " + process.pid() + " exited with "
                        + process.exitValue() + " but its stdout is still open; closing the link");
                link.close();
            }
        }, EXIT_GRACE));
        return new ChildRenderer(handle, process);
    }
}
