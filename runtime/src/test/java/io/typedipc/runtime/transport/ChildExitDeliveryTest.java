package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A renderer that is a child process sends its final messages and ends — by closing, by returning from {@code main},
 * or by {@code System.exit} — and main handles every one of them, in order, before the renderer's disconnect event.
 */
class ChildExitDeliveryTest {
    private static final int COUNT = 20_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"close-return", "return", "exit"})
    void everyMessageAChildSentBeforeItEndedIsHandledBeforeItsDisconnect(String ending) throws Exception {
        try (IpcMain main = IpcMain.create()) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch gone = new CountDownLatch(1);
            main.on("state:final", (event, args) -> {
                if (seen.isEmpty()) {
                    pause(); // the rest queue up behind the first: the end of the stream arrives meanwhile
                }
                seen.add(String.valueOf(args[0]));
            });
            main.onRendererDisconnected(handle -> {
                seen.add("disconnected");
                gone.countDown();
            });
            ChildProcessTransport.ChildRenderer child = ChildProcessTransport.launch(main,
                    ChildProcessTransportTest.childJvm(SendThenExitMain.class.getName(), String.valueOf(COUNT), ending)
                            .redirectError(ProcessBuilder.Redirect.INHERIT),
                    "sender");
            assertTrue(gone.await(60, TimeUnit.SECONDS), "the child's disconnect was never reported");
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
            List<String> expected = new ArrayList<>();
            IntStream.range(0, COUNT).forEach(i -> expected.add(String.valueOf(i)));
            expected.add("disconnected");
            synchronized (seen) {
                assertEquals(expected, seen, seen.size() - 1 + " of " + COUNT + " delivered before the disconnect");
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
