package io.typedipc.runtime.suite;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The transports the suite runs over: the {@code @MethodSource} of every suite test. Each call returns fresh fixture
 * instances. Add a transport here and every scenario runs over it too.
 *
 * <p>A transport in another module (typed-ipc-websocket) adds its fixture as a {@link ServiceLoader} provider of
 * {@link TransportFixture} on its test class path and runs the suite from this module's test-jar; the system
 * property {@value #ONLY_PROPERTY} (a comma-separated list of fixture names) then limits the run to its own.
 */
public final class TransportFixtures {
    private TransportFixtures() {}

    /** The system property naming the only fixtures to run, such as {@code "websocket"}; all when unset. */
    public static final String ONLY_PROPERTY = "typedipc.suite.transports";

    public static Stream<TransportFixture> all() {
        Stream<TransportFixture> builtIn = Stream.concat(Stream.of(new InProcess()),
                io.typedipc.runtime.transport.StreamTransportFixtures.all());
        Stream<TransportFixture> provided = ServiceLoader.load(TransportFixture.class).stream()
                .map(ServiceLoader.Provider::get);
        String only = System.getProperty(ONLY_PROPERTY, "").trim();
        Stream<TransportFixture> fixtures = Stream.concat(builtIn, provided);
        if (only.isEmpty()) {
            return fixtures;
        }
        Set<String> names = Set.of(only.split("\\s*,\\s*"));
        return fixtures.filter(fixture -> names.contains(fixture.name()));
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
