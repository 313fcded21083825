package io.typedipc.js;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.transport.ChildProcessTransport;
import io.typedipc.runtime.transport.ChildProcessTransport.ChildRenderer;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import io.typedipc.runtime.transport.StreamLink;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real Java main the JavaScript client's tests ({@code js/test/}) start: serves {@link Calc}.
 *
 * <ul>
 *   <li>{@code stdio}: its own stdin/stdout are one renderer's link (named {@code node}); it exits when that
 *       renderer disconnects.</li>
 *   <li>{@code sockets <parent dir>}: listens on TCP loopback and on a Unix domain socket in {@code parent dir},
 *       prints one JSON line {@code {"tcp": ..., "unix": ..., "tcpToken": ..., "unixToken": ...}}, and exits when
 *       its stdin ends.</li>
 *   <li>{@code launch <node> <script>}: launches {@code node script} as a renderer over the child's stdio, waits for
 *       it to finish, prints what it recorded ({@link Calc#record}) and exits with the child's exit code.</li>
 * </ul>
 */
public final class JsTestMain {
    private JsTestMain() {}

    public static void main(String[] args) throws Exception {
        OutputStream frames = new FileOutputStream(FileDescriptor.out);
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);
        IpcMain main = IpcMain.create();
        CalcService calc = new CalcService(main);
        CalcDispatcher.register(main, calc);
        MappingDispatcher.register(main, new MappingService());
        if (args.length == 1 && args[0].equals("stdio")) {
            CountDownLatch gone = new CountDownLatch(1);
            main.onRendererDisconnected(handle -> gone.countDown());
            InputStream in = System.in;
            main.attach(new StreamLink(in, frames, "stdio of the test main"), "node");
            gone.await();
        } else if (args.length == 2 && args[0].equals("sockets")) {
            try (SocketServer tcp = SocketTransport.listenTcp(main, 0);
                    SocketServer unix = SocketTransport.listenUnix(main, Path.of(args[1]))) {
                console.println("{\"tcp\":\"" + tcp.address() + "\",\"unix\":\"" + unix.address()
                        + "\",\"tcpToken\":\"" + tcp.token() + "\",\"unixToken\":\"" + unix.token() + "\"}");
                while (System.in.read() >= 0) {
                    // runs until the test closes our stdin
                }
            }
        } else if (args.length == 3 && args[0].equals("launch")) {
            CountDownLatch gone = new CountDownLatch(1);
            main.onRendererDisconnected(handle -> gone.countDown());
            ChildRenderer child = ChildProcessTransport.launch(main,
                    new ProcessBuilder(args[1], args[2]).redirectError(ProcessBuilder.Redirect.INHERIT), "stdio-child");
            if (!gone.await(60, TimeUnit.SECONDS) || !child.process().waitFor(60, TimeUnit.SECONDS)) {
                System.err.println("the child renderer did not finish");
                System.exit(1);
            }
            calc.recorded().forEach(console::println);
            System.exit(child.process().exitValue());
        } else {
            System.err.println("usage: JsTestMain stdio | sockets <parent dir>");
            System.exit(2);
        }
        main.close();
    }
}
