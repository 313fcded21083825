package io.typedipc.benchmarks.harness;

import io.typedipc.runtime.transport.SocketStreams;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The child JVM's side of {@link ChildProcess}: turns the command-line arguments {@code <transport> [address]} into
 * the byte streams to serve.
 */
public final class ServerSide {
    private ServerSide() {
    }

    /** Connects as the arguments say. For stdio, {@code System.out} is redirected to stderr: stdout carries frames. */
    public static Endpoint connect(String[] args) throws IOException {
        Transport transport = Transport.parse(args[0]);
        switch (transport) {
            case STDIO -> {
                OutputStream frames = new FileOutputStream(FileDescriptor.out);
                System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));
                return new Endpoint(new FileInputStream(FileDescriptor.in), frames, () -> { });
            }
            case UDS -> {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(Path.of(args[1])));
                return new Endpoint(SocketStreams.input(channel), SocketStreams.output(channel), channel);
            }
            case TCP -> {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1])));
                return new Endpoint(SocketStreams.input(channel), SocketStreams.output(channel), channel);
            }
            default -> throw new IllegalArgumentException("not a cross-process transport: " + transport);
        }
    }
}
