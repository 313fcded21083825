package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.suite.TransportFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The byte-stream transports as fixtures of the runtime suite ({@code io.typedipc.runtime.suite.TransportFixtures}):
 * {@link StreamLink} over in-JVM pipes (the framing of child-process stdio), a Unix domain socket and TCP loopback,
 * each with the token handshake. Child-process stdio has its own test with a real child JVM
 * ({@link ChildProcessTransportTest}).
 */
public final class StreamTransportFixtures {
    private StreamTransportFixtures() {}

    public static Stream<TransportFixture> all() {
        return Stream.of(new Pipes(), new UnixSocket(), new Tcp());
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
            main.attach(pipes.leftLink(rendererName, main.settings().wireLimits()), rendererName);
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
