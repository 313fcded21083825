package io.typedipc.maven.compat;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What happens when a sender of one version meets a receiver of another: main serves the receiver's version, a
 * renderer connected over TCP loopback (the real socket transport, with its handshake) calls with the sender's
 * version. After the call, an untyped request on a channel of its own tells that main has handled everything sent
 * before it (messages from one sender are handled in order), so a one-way message that was dropped shows as
 * "nothing received" without waiting for a timeout.
 */
final class Exchange {
    private static final String SYNC = "probe:sync";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** What the sender saw and what the receiver's service was called with. */
    record Outcome(String sender, List<String> received) {
        boolean succeeded() {
            return sender.startsWith("returned");
        }

        @Override
        public String toString() {
            return "sender " + sender + "; receiver got " + (received.isEmpty() ? "nothing" : received);
        }
    }

    private Exchange() {}

    /** A typed sender of {@code sender}'s version against a typed receiver of {@code receiver}'s. */
    static Outcome typed(ApiVersion sender, ApiVersion receiver) throws Exception {
        Side calling = sender.side();
        return run(receiver.side(), renderer -> "returned " + calling.call(renderer));
    }

    /** An untyped (Electron-style) call, as a peer written against some version would make it. */
    static Outcome untyped(ApiVersion receiver, UntypedCall call) throws Exception {
        return run(receiver.side(), renderer -> "returned " + call.call(renderer));
    }

    /** An untyped call made by a peer written by hand (a JavaScript panel, say); returns what came back. */
    interface UntypedCall {
        String call(IpcRenderer renderer) throws Exception;
    }

    private static Outcome run(Side serving, UntypedCall caller) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        IpcSettings settings = IpcSettings.builder().defaultDeadline(DEADLINE).build();
        try (IpcMain main = IpcMain.create(settings)) {
            serving.serve(main, received);
            main.handle(SYNC, (event, args) -> "synced");
            try (SocketServer server = SocketTransport.listenTcp(main, 0);
                    IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "panel", settings)) {
                String seen;
                try {
                    seen = caller.call(renderer);
                } catch (ExecutionException e) {
                    seen = "failed with " + describe(e.getCause());
                } catch (Exception e) {
                    seen = "failed with " + describe(e);
                }
                renderer.invoke(SYNC).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                List<String> got = new ArrayList<>();
                received.drainTo(got);
                return new Outcome(seen, got);
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
