package io.typedipc.benchmarks.harness;

import io.typedipc.runtime.transport.SocketStreams;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a server main in a child JVM (the same {@code java} and class path as this one) and connects to it over
 * stdio, a Unix domain socket or TCP loopback. The child's stderr goes to {@code typed-ipc-bench-server.log} in the
 * temporary directory.
 */
public final class ChildProcess implements Closeable {
    private final Process process;
    private final Endpoint endpoint;
    private final Path socketFile;

    private ChildProcess(Process process, Endpoint endpoint, Path socketFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.socketFile = socketFile;
    }

    /** The command that runs {@code mainClass} in a new JVM with this JVM's class path. */
    public static List<String> javaCommand(Class<?> mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xms256m");
        command.add("-Xmx256m");
        command.add("-XX:+UseParallelGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        return command;
    }

    /** Launches {@code serverMain} and connects to it with raw byte streams. */
    public static ChildProcess launch(Transport transport, Class<?> serverMain) throws IOException {
        List<String> command = javaCommand(serverMain);
        command.add(transport.name().toLowerCase(java.util.Locale.ROOT));
        File log = new File(System.getProperty("java.io.tmpdir"), "typed-ipc-bench-server.log");
        switch (transport) {
            case STDIO -> {
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log))
                        .start();
                return new ChildProcess(process,
                        new Endpoint(process.getInputStream(), process.getOutputStream(), () -> { }), null);
            }
            case UDS -> {
                Path dir = Files.createTempDirectory("typed-ipc-bench");
                Path file = dir.resolve("s.sock");
                ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                listener.bind(UnixDomainSocketAddress.of(file));
                command.add(file.toString());
                return accept(command, log, listener, file);
            }
            case TCP -> {
                ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                command.add(Integer.toString(((InetSocketAddress) listener.getLocalAddress()).getPort()));
                return accept(command, log, listener, null);
            }
            default -> throw new IllegalArgumentException("not a cross-process transport: " + transport);
        }
    }

    private static ChildProcess accept(List<String> command, File log, ServerSocketChannel listener, Path socketFile)
            throws IOException {
        try (listener) {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            // If the child dies before connecting, closing the listener ends the accept below.
            process.onExit().thenRun(() -> {
                try {
                    listener.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            });
            SocketChannel channel = listener.accept();
            if (channel.getRemoteAddress() instanceof InetSocketAddress) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            return new ChildProcess(process,
                    new Endpoint(SocketStreams.input(channel), SocketStreams.output(channel), channel), socketFile);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Process process() {
        return process;
    }

    /** Closes the streams (the child exits at end of input) and waits for the child, killing it if it lingers. */
    @Override
    public void close() throws IOException {
        try {
            endpoint.close();
        } finally {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
                Files.deleteIfExists(socketFile.getParent());
            }
        }
    }
}
