package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cocos Creator's windows of panels: {@code sendToMainWin} and a message to every panel of one window. */
class WindowsSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    private static IpcSettings in(String window) {
        return IpcSettings.builder().window(window).build();
    }

    /** Connects scene and inspector (main window), preview (window "float") and console (no window). */
    private static LinkedBlockingQueue<String> fourPanels(Rig rig) throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        for (IpcRenderer panel : List.of(rig.connect("scene", in("main")), rig.connect("inspector", in("main")),
                rig.connect("preview", in("float")), rig.connect("console"))) {
            SceneEvents.Dispatcher.register(panel, url -> got.add(panel.name() + " " + url));
        }
        return got;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainReachesEveryPanelOfOneWindowAndRendererHandlesTellTheirWindow(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            LinkedBlockingQueue<String> got = fourPanels(rig);
            assertEquals(Optional.of("main"), rig.handle("scene").window());
            assertEquals(Optional.of("float"), rig.handle("preview").window());
            assertEquals(Optional.empty(), rig.handle("console").window());
            assertTrue(rig.handle("preview").toString().contains("window float"), rig.handle("preview").toString());

            new SceneEvents.Sender(rig.main.mainWindow()).saved("main-win"); // sendToMainWin
            assertEquals(List.of("inspector main-win", "scene main-win"), UntypedApiSuiteTest.sorted(got, 2));
            rig.main.window("float").send("scene-events:saved", "float-win");
            assertEquals("preview float-win", poll(got));
            rig.main.window("nobody's").send("scene-events:saved", "lost");
            new SceneEvents.Sender(rig.main.broadcast()).saved("marker");
            assertEquals(List.of("console marker", "inspector marker", "preview marker", "scene marker"),
                    UntypedApiSuiteTest.sorted(got, 4)); // nothing else arrived before each panel's marker
            assertTrue(got.isEmpty());
            assertThrows(IllegalArgumentException.class, () -> rig.main.window(" "));
            assertThrows(IllegalArgumentException.class, () -> rig.main.window("a\nb"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererReachesEveryPanelOfOneWindowThroughMain(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            LinkedBlockingQueue<String> got = fourPanels(rig);
            IpcRenderer console = rig.connect("sender");
            new SceneEvents.Sender(console.mainWindow()).saved("main-win");
            assertEquals(List.of("inspector main-win", "scene main-win"), UntypedApiSuiteTest.sorted(got, 2));
            IpcRenderer preview = rig.connect("preview-2", in("float"));
            SceneEvents.Dispatcher.register(preview, url -> got.add("preview-2 " + url));
            new SceneEvents.Sender(preview.window("float")).saved("float-win"); // itself included, as a panel of it
            assertEquals(List.of("preview float-win", "preview-2 float-win"), UntypedApiSuiteTest.sorted(got, 2));
            new SceneEvents.Sender(console.broadcastToOthers()).saved("marker");
            assertEquals(List.of("console marker", "inspector marker", "preview marker", "preview-2 marker",
                    "scene marker"), UntypedApiSuiteTest.sorted(got, 5));
            assertTrue(got.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void theSettingsNameTheMainWindow(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture, IpcSettings.builder().mainWindow("editor").build())) {
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            IpcRenderer editor = rig.connect("scene", IpcSettings.builder().window("editor").mainWindow("editor").build());
            IpcRenderer other = rig.connect("other", in("main"));
            SceneEvents.Dispatcher.register(editor, url -> got.add("scene " + url));
            SceneEvents.Dispatcher.register(other, url -> got.add("other " + url));
            new SceneEvents.Sender(rig.main.mainWindow()).saved("from main");
            assertEquals("scene from main", poll(got));
            new SceneEvents.Sender(editor.mainWindow()).saved("from scene");
            assertEquals("scene from scene", poll(got));
            new SceneEvents.Sender(rig.main.broadcast()).saved("marker");
            assertEquals(List.of("other marker", "scene marker"), UntypedApiSuiteTest.sorted(got, 2));
            assertEquals(IpcSettings.DEFAULT_MAIN_WINDOW, IpcSettings.defaults().mainWindow());
            assertThrows(IllegalArgumentException.class, () -> IpcSettings.builder().mainWindow(""));
        }
    }
}
