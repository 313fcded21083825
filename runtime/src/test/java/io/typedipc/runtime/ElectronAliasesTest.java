package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Electron's listener verbs that have a second name there: removeListener, listenerCount, eventNames. */
class ElectronAliasesTest {

    @Test
    void listenerCountAndEventNamesFollowOnOnceOffAndRemoveListener() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            IpcListener first = (event, args) -> { };
            IpcListener second = (event, args) -> { };
            assertEquals(0, main.listenerCount("scene:saved"));
            assertEquals(List.of(), main.eventNames());

            main.on("scene:saved", first);
            main.on("scene:saved", second);
            main.once("theme:changed", first);
            main.handle("asset-db:query", (event, args) -> "handlers are not listeners");
            assertEquals(2, main.listenerCount("scene:saved"));
            assertEquals(1, main.listenerCount("theme:changed"));
            assertEquals(0, main.listenerCount("asset-db:query"));
            assertEquals(List.of("scene:saved", "theme:changed"), main.eventNames());

            main.removeListener("scene:saved", first);
            assertEquals(1, main.listenerCount("scene:saved"));
            main.off("scene:saved", second);
            assertEquals(0, main.listenerCount("scene:saved"));
            assertEquals(List.of("theme:changed"), main.eventNames());
        }
    }

    @Test
    void aOnceListenerThatFiredIsNoLongerCounted() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
            CountDownLatch marker = new CountDownLatch(1);
            main.once("theme:changed", (event, args) -> received.add(args[0]));
            main.on("test:marker", (event, args) -> marker.countDown());
            assertEquals(1, main.listenerCount("theme:changed"));
            try (IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
                panel.send("theme:changed", "dark");
                panel.send("test:marker");
                assertTrue(marker.await(30, TimeUnit.SECONDS));
            }
            assertEquals("dark", received.poll(30, TimeUnit.SECONDS));
            assertEquals(0, main.listenerCount("theme:changed"));
            assertEquals(List.of("test:marker"), main.eventNames());
        }
    }

    @Test
    void aRendererHasTheSameVerbs() {
        try (IpcMain main = IpcMain.create(); IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
            IpcListener listener = (event, args) -> { };
            panel.on("scene:saved", listener);
            assertEquals(1, panel.listenerCount("scene:saved"));
            assertEquals(List.of("scene:saved"), panel.eventNames());
            panel.removeListener("scene:saved", listener);
            assertEquals(List.of(), panel.eventNames());
        }
    }

    @Test
    void theyCheckTheirArguments() {
        try (IpcMain main = IpcMain.create()) {
            assertThrows(IllegalArgumentException.class, () -> main.listenerCount("$/cancelRequest"));
            assertThrows(IllegalArgumentException.class, () -> main.listenerCount(""));
            assertThrows(NullPointerException.class, () -> main.removeListener("scene:saved", null));
        }
    }
}
