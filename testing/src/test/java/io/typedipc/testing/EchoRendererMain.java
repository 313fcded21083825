package io.typedipc.testing;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.transport.StdioTransport;
import java.util.concurrent.TimeUnit;

/**
 * A renderer process for the kit's own tests: serves {@code echo:say} and {@code echo:who}, and exits with the code
 * given as its second argument (default 0) once main has gone.
 */
public final class EchoRendererMain {
    private EchoRendererMain() {}

    public static void main(String[] args) throws InterruptedException {
        IpcRenderer renderer = StdioTransport.connectRenderer(args[0], IpcSettings.defaults(), r -> {
            r.handle("echo:say", (event, values) -> r.name() + " says " + values[0]);
            r.handle("echo:who", (event, values) -> r.id().orElse(-1));
        });
        renderer.awaitDisconnect(5, TimeUnit.MINUTES);
        renderer.close();
        System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
    }
}
