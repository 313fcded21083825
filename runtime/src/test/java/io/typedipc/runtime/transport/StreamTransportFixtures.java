package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.suite.TransportFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The byte-stream transports as fixtures of the runtime suite ({@code io.typedipc.runtime.suite.TransportFixtures}):
 * {@link StreamLink} over in-JVM pipes, a real child process's stdio (through a relay child, see
 * {@link ChildProcessStdio}), a Unix domain socket and TCP loopback, each socket with the token handshake. A renderer
 * that is itself the child process (SIGKILL, exit, stray prints) has its own test ({@link ChildProcessTransportTest}).
 */
public final class StreamTransportFixtures {
    private StreamTransportFixtures() {}

    public static Stream<TransportFixture> all() {
        return Stream.of(new Pipes(), new ChildProcessStdio(), new UnixSocket(), new Tcp());
    }

    /**
     * Main launches a real child process with {@link ChildProcessTransport#launch} and speaks over its stdin and
     * stdout; the child ({@link StdioRelayMain}) relays those bytes to a loopback socket where the renderer context,
     * in this JVM, is connected. So every scenario crosses a real child process's stdio and main's real stdio
     * transport, while the scenario code can still hold the renderer.
     */
    static final class ChildProcessStdio implements TransportFixture {
        private final List<Process> children = new ArrayList<>();

        @Override
        public String name() {
            return "child-process stdio";
        }

        @Override
        public IpcRenderer connect(IpcMain main, String rendererName, IpcSettings settings) throws Exception {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                listener.setSoTimeout((int) TimeUnit.SECONDS.toMillis(60));
                ChildProcessTransport.ChildRenderer child = ChildProcessTransport.launch(main,
                        ChildProcessTransportTest.childJvm(StdioRelayMain.class.getName(),
                                String.valueOf(listener.getLocalPort())),
                        rendererName, settings.window()); // stdio has no hello: main names the window
                synchronized (children) {
                    children.add(child.process());
                }
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                StreamLink link = new StreamLink(socket.getInputStream(), socket.getOutputStream(), socket,
                        "relay to child pid " + child.process().pid(), settings.wireLimits());
                return IpcRenderer.connect(link, rendererName, settings);
            }
        }

        @Override
        public void cleanup() throws Exception {
            synchronized (children) {
                for (Process child : children) {
                    // The contexts are closed by now, so each relay has seen the end of its stdin and is exiting.
                    if (!child.waitFor(30, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                        throw new AssertionError("a relay child did not exit after its connection closed");
                    }
                }
                children.clear();
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Two {@link StreamLink}s over crossed in-JVM pipes, with the settings' limits on both ends. */
    static final class Pipes implements TransportFixture {
        @Override
        public String name() {
            return "stream pipes";
        }

        @Override
        public IpcRenderer connect(IpcMain main, String rendererName, IpcSettings settings) {
            PipePair pipes = PipePair.open();
            main.attach(pipes.leftLink(rendererName, main.settings().wireLimits()), rendererName, settings.window());
            return IpcRenderer.connect(pipes.rightLink(rendererName, settings.wireLimits()), rendererName, settings);
        }

        @Override
        public void cleanup() {
            // the links close with their contexts
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** One {@link SocketServer} per main, shared by the renderers a test connects. */
    abstract static class Sockets implements TransportFixture {
        private IpcMain main;
        private SocketServer server;

        abstract SocketServer listen(IpcMain main) throws Exception;

        @Override
        public synchronized IpcRenderer connect(IpcMain main, String rendererName, IpcSettings settings)
                throws Exception {
            if (this.main != main) {
                closeServer();
                this.main = main;
                this.server = listen(main);
            }
            return SocketTransport.connect(server.address(), server.token(), rendererName, settings);
        }

        @Override
        public synchronized void cleanup() throws Exception {
            closeServer();
            main = null;
        }

        void closeServer() throws Exception {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static final class UnixSocket extends Sockets {
        private Path folder;

        @Override
        public String name() {
            return "unix domain socket";
        }

        @Override
        SocketServer listen(IpcMain main) throws Exception {
            if (folder == null) {
                folder = Files.createTempDirectory("typed-ipc-suite");
            }
            return SocketTransport.listenUnix(main, folder);
        }

        @Override
        public synchronized void cleanup() throws Exception {
            super.cleanup();
            if (folder != null) {
                Files.deleteIfExists(folder);
                folder = null;
            }
        }
    }

    static final class Tcp extends Sockets {
        @Override
        public String name() {
            return "tcp loopback";
        }

        @Override
        SocketServer listen(IpcMain main) throws Exception {
            return SocketTransport.listenTcp(main, 0);
        }
    }
}
