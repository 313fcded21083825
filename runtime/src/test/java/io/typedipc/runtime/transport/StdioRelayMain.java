package io.typedipc.runtime.transport;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A child process that joins its own stdin and stdout to a loopback socket, byte for byte. The suite's child-process
 * fixture launches it with {@link ChildProcessTransport}, so main speaks over a real child's stdio while the renderer
 * context sits in the test JVM at the socket's other end. Ends when either side closes.
 */
public final class StdioRelayMain {
    private StdioRelayMain() {}

    public static void main(String[] args) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            socket.setTcpNoDelay(true);
            InputStream stdin = new FileInputStream(FileDescriptor.in);
            OutputStream stdout = new FileOutputStream(FileDescriptor.out);
            OutputStream toRenderer = socket.getOutputStream();
            Thread fromMain = new Thread(() -> {
                pump(stdin, toRenderer);
                try {
                    socket.shutdownOutput(); // main closed our stdin: the renderer sees the end of the stream
                } catch (IOException e) {
                    // the renderer is gone already
                }
            }, "relay from main");
            fromMain.setDaemon(true);
            fromMain.start();
            pump(socket.getInputStream(), stdout);
        }
        System.exit(0); // the renderer closed: our stdout ends with us, and main sees the end of the stream
    }

    private static void pump(InputStream in, OutputStream out) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away: the relay ends
        }
    }
}
