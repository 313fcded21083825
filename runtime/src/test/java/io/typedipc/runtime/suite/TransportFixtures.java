package io.typedipc.runtime.suite;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.util.stream.Stream;

/**
 * The transports the suite runs over: the {@code @MethodSource} of every suite test. Each call returns fresh fixture
 * instances. Add a transport here and every scenario runs over it too.
 */
public final class TransportFixtures {
    private TransportFixtures() {}

    public static Stream<TransportFixture> all() {
        return Stream.concat(Stream.of(new InProcess()), io.typedipc.runtime.transport.StreamTransportFixtures.all());
    }

    /** Two contexts in one JVM over {@code InProcessLink}; frames are still encoded JSON-RPC. */
    static final class InProcess implements TransportFixture {
        @Override
        public String name() {
            return "in-process";
        }

        @Override
        public IpcRenderer connect(IpcMain main, String rendererName, IpcSettings settings) {
            return IpcRenderer.connectInProcess(main, rendererName, settings);
        }

        @Override
        public void cleanup() {
            // nothing to release: the link closes with its contexts
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
