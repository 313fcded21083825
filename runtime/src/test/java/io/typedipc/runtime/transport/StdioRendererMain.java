package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A renderer process for {@link ChildProcessTransportTest}: connects over its stdin/stdout and serves a few channels.
 * Exits 0 when main closes the connection, 3 if it never does.
 */
public final class StdioRendererMain {
    private StdioRendererMain() {}

    public static void main(String[] args) throws Exception {
        IpcRenderer renderer = StdioTransport.connectRenderer(args.length > 0 ? args[0] : "child", IpcSettings.defaults());
        renderer.handle("child:echo", (event, a) -> "child echoes " + a[0]);
        // Calls main back from inside a handler: a blocking call on the renderer's dispatch thread.
        renderer.handle("child:ask-main", (event, a) -> "main says " + renderer.sendSync("main:add", a[0], a[1]));
        renderer.handle("child:print", (event, a) -> {
            System.out.println("a stray print that must not reach the protocol stream");
            System.out.print("Content-Length: 5\r\n\r\njunk!");
            System.out.flush();
            return "printed";
        });
        renderer.handle("child:hang", (event, a) -> {
            renderer.send("main:hanging", a[0]);
            return new CompletableFuture<>(); // never completes
        });
        // Who this renderer is, as it knows itself: main's $/welcome told it (empty without one).
        renderer.handle("child:who", (event, a) -> renderer.id() + " " + renderer.name());
        renderer.on("child:exit", (event, a) -> System.exit(((Number) a[0]).intValue()));
        renderer.send("main:ready", renderer.name());
        boolean disconnected = renderer.awaitDisconnect(5, TimeUnit.MINUTES);
        System.err.println("child renderer: main disconnected=" + disconnected);
        System.exit(disconnected ? 0 : 3);
    }
}
