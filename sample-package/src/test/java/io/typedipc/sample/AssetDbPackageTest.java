package io.typedipc.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.RemoteException;
import io.typedipc.testing.IpcTest;
import io.typedipc.testing.IpcTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asset database package on its own, the way a package's author tests it with typed-ipc-testing: loaded in an
 * in-process main, called by an in-process panel through the generated sender, over real JSON-RPC. The kit closes
 * everything after each test and fails it on a request left unanswered or an error nobody took.
 */
@IpcTest
class AssetDbPackageTest {
    private static final long WAIT = 30;

    @TempDir
    Path folder;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private AssetDb assetDb;

    @BeforeEach
    void loadThePackage(IpcTestContext ipc) throws Exception {
        Files.createDirectories(folder.resolve("textures"));
        Files.writeString(folder.resolve("textures/hero.png"), "hero", StandardCharsets.UTF_8);
        Transcript lines = Transcript.printingTo(new PrintStream(transcript, true, StandardCharsets.UTF_8));
        ipc.main().packages().load(new AssetDbPackage(new AssetDbService(folder, lines), lines));
        assetDb = new AssetDbSender(ipc.renderer("assets"));
    }

    @Test
    void everyShapeOfCallCrossesTheWire() throws Exception {
        assertEquals(List.of("db://assets/textures/hero.png"), assetDb.queryAssets("db://assets/**").get(WAIT,
                TimeUnit.SECONDS).stream().map(AssetInfo::url).toList());
        AssetInfo enemy = assetDb.create("db://assets/textures/enemy.png", "enemy!");
        assertEquals(6, enemy.size());
        assertEquals(enemy, assetDb.queryInfo("db://assets/textures/enemy.png"));
        AssetInfo boss = assetDb.rename("db://assets/textures/enemy.png", "db://assets/textures/boss.png");
        assertEquals("db://assets/textures/boss.png", boss.url());
        assertEquals(boss, assetDb.delete("db://assets/textures/boss.png"));
        assetDb.refresh("db://assets");
        assetDb.queryInfo("db://assets/textures/hero.png"); // after the refresh: it has been handled
        assertTrue(transcript.toString(StandardCharsets.UTF_8).contains("refresh of db://assets: 1 file(s) on disk"),
                transcript.toString(StandardCharsets.UTF_8));
    }

    @Test
    void declaredErrorsArriveAsTheirOwnTypeAndAreNoIpcErrors(IpcTestContext ipc) {
        AssetExistsException exists = assertThrows(AssetExistsException.class,
                () -> assetDb.create("db://assets/textures/hero.png", "again"));
        assertEquals("db://assets/textures/hero.png already exists", exists.getMessage());
        assertThrows(AssetNotFoundException.class, () -> assetDb.queryInfo("db://assets/missing.png"));
        assertEquals(List.of(), ipc.errors(), "a declared exception is an answer, not an error");
    }

    @Test
    void aUrlOutsideTheFolderIsRefusedAndReported(IpcTestContext ipc) {
        RemoteException refused = assertThrows(RemoteException.class, () -> assetDb.queryInfo("db://assets/../x"));
        assertEquals(IllegalArgumentException.class.getName(), refused.remoteType());
        List<IpcError> errors = ipc.takeErrors(); // expected: the test takes it, so the kit does not fail the test
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(IpcError.Kind.HANDLER_FAILED, errors.get(0).kind());
        assertEquals("asset-db:query-info", errors.get(0).channel());
    }

    @Test
    void unloadingThePackageRemovesItsChannelsForEveryPanel(IpcTestContext ipc) throws Exception {
        IpcRenderer inspector = ipc.renderer("inspector");
        assertEquals("db://assets/textures/hero.png",
                new AssetDbSender(inspector).queryInfo("db://assets/textures/hero.png").url());
        assertTrue(ipc.main().packages().unload("asset-db"));
        assertThrows(NoSuchChannelException.class, () -> assetDb.queryInfo("db://assets/textures/hero.png"));
        assertThrows(NoSuchChannelException.class,
                () -> new AssetDbSender(inspector).queryInfo("db://assets/textures/hero.png"));
    }
}
