package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcPackage;
import io.typedipc.runtime.IpcPackages;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.PackageScope;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cocos Creator packages: a unit of channels loaded and unloaded as a whole, in main or in a renderer. */
class PackagesSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    /** A package with a typed dispatcher, a short-named handler and a listener; counts its hooks. */
    static final class ScenePackage implements IpcPackage {
        final AtomicInteger loads = new AtomicInteger();
        final LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "scene";
        }

        @Override
        public void load(PackageScope scope) {
            loads.incrementAndGet();
            scope.register(context -> SceneDispatcher.register(context, new RoutingSuiteTest.SceneService()));
            scope.handle("version", (event, args) -> "v" + loads.get());          // "scene:version"
            scope.on("touched", (event, args) -> log.add("touched " + args[0]));  // "scene:touched"
        }

        @Override
        public void unload(PackageScope scope) {
            // runs before the registrations are undone: the package's channels still answer
            String answer = scope.context() instanceof IpcMain main
                    ? String.valueOf(main.self().sendSync(scope.channel("version")))
                    : "(not asked)";
            log.add("unloading, version answers " + answer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aPackageInMainLoadsUnloadsAndReloadsAsAWhole(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            ScenePackage pkg = new ScenePackage();
            rig.main.packages().load(pkg);
            assertEquals(List.of("scene"), rig.main.packages().names());
            assertSame(pkg, rig.main.packages().get("scene").orElseThrow());
            SceneSender scene = new SceneSender(panel);
            assertEquals("node 3", scene.describe("abc"));
            assertEquals("v1", panel.sendSync("scene:version"));
            panel.send("scene:touched", "a");
            assertEquals("touched a", poll(pkg.log));

            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> rig.main.packages().load(pkg));
            assertTrue(twice.getMessage().contains("already loaded"), twice.getMessage());

            assertTrue(rig.main.packages().unload("scene"));
            assertEquals("unloading, version answers v1", poll(pkg.log));
            NoSuchChannelException typed = assertThrows(NoSuchChannelException.class, () -> scene.describe("abc"));
            assertEquals(ErrorCodes.METHOD_NOT_FOUND, typed.code());
            assertThrows(NoSuchChannelException.class, () -> panel.sendSync("scene:version"));
            assertThrows(NoSuchChannelException.class, () -> rig.main.self().sendSync("scene:version"));
            rig.main.on("scene:touched", (event, args) -> pkg.log.add("marker " + args[0]));
            panel.send("scene:touched", "b");
            assertEquals("marker b", poll(pkg.log)); // the package's own listener is gone
            rig.main.removeAllListeners("scene:touched");
            assertFalse(rig.main.packages().unload("scene"));
            assertFalse(rig.main.packages().isLoaded("scene"));

            rig.main.packages().load(pkg);
            assertEquals("v2", panel.sendSync("scene:version"));
            rig.main.packages().reload("scene");
            assertEquals("unloading, version answers v2", poll(pkg.log));
            assertEquals("v3", panel.sendSync("scene:version"));
            assertEquals("node 1", scene.describe("a"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aPackageWhoseLoadFailsLeavesNothingRegistered(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            IpcPackage broken = new IpcPackage() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public void load(PackageScope scope) throws Exception {
                    scope.handle("first", (event, args) -> "registered");
                    throw new java.io.IOException("config missing");
                }
            };
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> rig.main.packages().load(broken));
            assertTrue(failed.getMessage().contains("config missing"), failed.getMessage());
            assertFalse(rig.main.packages().isLoaded("broken"));
            assertThrows(NoSuchChannelException.class, () -> panel.sendSync("broken:first"));
            rig.main.handle("broken:first", (event, args) -> "free again"); // the channel was really released
            assertEquals("free again", panel.sendSync("broken:first"));
            assertThrows(IllegalArgumentException.class, () -> rig.main.packages().load(named("a:b")));
            assertThrows(IllegalArgumentException.class, () -> rig.main.packages().load(named("")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void twoPackagesInMainTalkOverSelfAndRenderersThatAskSeeLoadsAndUnloads(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            IpcRenderer quiet = rig.connect("quiet"); // does not ask: receives nothing it must handle
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            panel.on(IpcPackages.LOADED, (event, args) -> events.add("loaded " + args[0] + " in " + event.senderName()));
            panel.on(IpcPackages.UNLOADED, (event, args) -> events.add("unloaded " + args[0] + " in " + event.senderName()));

            rig.main.packages().load(new ScenePackage());
            assertEquals("loaded scene in main", poll(events));
            rig.main.packages().load(new IpcPackage() {
                @Override
                public String name() {
                    return "builder";
                }

                @Override
                public void load(PackageScope scope) {
                    Scene scene = new SceneSender(rig.main.self()); // the other package, over IPC
                    scope.handle("build", (event, args) -> "built " + scene.describe((String) args[0])
                            + " as " + IpcEvent.current().senderName());
                }
            });
            assertEquals("loaded builder in main", poll(events));
            assertEquals("built node 4 as panel", panel.sendSync("builder:build", "main"));
            rig.main.packages().unload("scene");
            assertEquals("unloaded scene in main", poll(events));
            assertThrows(io.typedipc.runtime.RemoteException.class, () -> panel.sendSync("builder:build", "x"),
                    "the builder's call to the unloaded package failed with ENOMSG inside main");

            // a renderer's own package: main sees it load, calls it, and sees it unload
            LinkedBlockingQueue<String> atMain = new LinkedBlockingQueue<>();
            rig.main.on(IpcPackages.LOADED, (event, args) -> atMain.add("loaded " + args[0] + " in " + event.senderName()));
            rig.main.on(IpcPackages.UNLOADED, (event, args) -> atMain.add("unloaded " + args[0] + " in " + event.senderName()));
            quiet.packages().load(new ScenePackage());
            assertEquals("loaded scene in quiet", poll(atMain));
            assertEquals("loaded scene in quiet", poll(events)); // renderers that listen see other renderers' packages
            assertEquals("v1", rig.handle("quiet").sendSync("scene:version"));
            quiet.packages().unloadAll();
            assertEquals("unloaded scene in quiet", poll(atMain));
            assertThrows(NoSuchChannelException.class, () -> rig.handle("quiet").sendSync("scene:version"));
        }
    }

    private static IpcPackage named(String name) {
        return new IpcPackage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void load(PackageScope scope) {
                // registers nothing
            }
        };
    }
}
