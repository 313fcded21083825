package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three message shapes, typed and untyped, between a main and a renderer context in one JVM. */
class InProcessExchangeTest {

    record AssetInfo(String uuid, String url, long size) {}

    static final class AssetExistsException extends Exception {
        private static final long serialVersionUID = 1L;

        AssetExistsException(String message) {
            super(message);
        }
    }

    static final MethodDescriptor<AssetInfo> QUERY_INFO = MethodDescriptor
            .<AssetInfo>builder("asset-db:query-info", MethodDescriptor.Kind.BLOCKING)
            .parameter("uuid", TypeRecipe.of(String.class))
            .result(TypeRecipe.of(AssetInfo.class))
            .build();
    static final MethodDescriptor<List<AssetInfo>> QUERY_ASSETS = MethodDescriptor
            .<List<AssetInfo>>builder("asset-db:query-assets", MethodDescriptor.Kind.ASYNC)
            .parameter("glob", TypeRecipe.of(String.class))
            .result(t -> t.constructCollectionType(List.class, AssetInfo.class))
            .build();
    static final MethodDescriptor<Void> REFRESH = MethodDescriptor
            .<Void>builder("asset-db:refresh", MethodDescriptor.Kind.ONE_WAY)
            .parameter("url", TypeRecipe.of(String.class))
            .build();
    static final MethodDescriptor<AssetInfo> CREATE = MethodDescriptor
            .<AssetInfo>builder("asset-db:create", MethodDescriptor.Kind.BLOCKING)
            .parameter("url", TypeRecipe.of(String.class))
            .parameter("data", TypeRecipe.of(byte[].class))
            .result(TypeRecipe.of(AssetInfo.class))
            .declares(AssetExistsException.class, AssetExistsException::new)
            .build();

    private IpcMain main;
    private IpcRenderer renderer;
    private final LinkedBlockingQueue<String> refreshed = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() {
        main = IpcMain.create();
        main.register(List.of(
                Binding.handler(QUERY_INFO, (event, args) -> new AssetInfo((String) args[0], "db://assets/a.png", 42)),
                Binding.handler(QUERY_ASSETS, (event, args) -> CompletableFuture.supplyAsync(
                        () -> List.of(new AssetInfo("1", (String) args[0], 1), new AssetInfo("2", "b", 2)))),
                Binding.listener(REFRESH, (event, args) -> refreshed.add(args[0] + " from " + event.senderName())),
                Binding.handler(CREATE, (event, args) -> {
                    if (((String) args[0]).endsWith("exists.png")) {
                        throw new AssetExistsException(args[0] + " already exists");
                    }
                    return new AssetInfo("new", (String) args[0], ((byte[]) args[1]).length);
                })));
        renderer = IpcRenderer.connectInProcess(main, "assets-panel");
    }

    @AfterEach
    void close() {
        renderer.close();
        main.close();
    }

    @Test
    void blockingRequestReturnsTheDecodedRecord() {
        AssetInfo info = renderer.call(QUERY_INFO, CallOptions.DEFAULT, "uuid-1");
        assertEquals(new AssetInfo("uuid-1", "db://assets/a.png", 42), info);
    }

    @Test
    void asyncRequestCompletesWithAGenericList() throws Exception {
        List<AssetInfo> assets = renderer.invoke(QUERY_ASSETS, CallOptions.DEFAULT, "db://assets/**").get(10, TimeUnit.SECONDS);
        assertEquals(List.of(new AssetInfo("1", "db://assets/**", 1), new AssetInfo("2", "b", 2)), assets);
    }

    @Test
    void oneWayMessageArrivesWithItsSender() throws Exception {
        renderer.send(REFRESH, "db://assets/a.png");
        assertEquals("db://assets/a.png from assets-panel", refreshed.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void declaredExceptionArrivesAsItsOwnType() {
        IpcDeclaredException e = assertThrows(IpcDeclaredException.class,
                () -> renderer.call(CREATE, CallOptions.DEFAULT, "db://assets/exists.png", new byte[] {1}));
        assertInstanceOf(AssetExistsException.class, e.getCause());
        assertEquals("db://assets/exists.png already exists", e.getCause().getMessage());
        AssetInfo created = renderer.call(CREATE, CallOptions.DEFAULT, "db://assets/new.png", new byte[] {1, 2, 3});
        assertEquals(3, created.size());
    }

    @Test
    void untypedCallsUseJsonsNaturalTypes() throws Exception {
        main.handle("echo:twice", (event, args) -> List.of(args[0], args[0]));
        assertEquals(List.of(Integer.valueOf(7), Integer.valueOf(7)), renderer.sendSync("echo:twice", 7));
        assertEquals(List.of("x", "x"), renderer.invoke("echo:twice", "x").get(10, TimeUnit.SECONDS));
    }

    @Test
    void requestToAChannelNobodyServesFailsWithNoSuchChannel() {
        NoSuchChannelException e = assertThrows(NoSuchChannelException.class, () -> renderer.sendSync("nobody:home"));
        assertTrue(e.getMessage().contains("nobody:home"), e.getMessage());
    }

    @Test
    void undeclaredExceptionArrivesAsRemoteExceptionWithoutStackTrace() {
        main.handle("boom:now", (event, args) -> {
            throw new IllegalStateException("disk on fire");
        });
        RemoteException e = assertThrows(RemoteException.class, () -> renderer.sendSync("boom:now"));
        assertEquals("java.lang.IllegalStateException", e.remoteType());
        assertEquals(null, e.remoteStackTrace());
        assertTrue(e.getMessage().contains("disk on fire"));
    }

    @Test
    void blockingRequestPastItsDeadlineTimesOut() {
        CountDownLatch release = new CountDownLatch(1);
        main.handle("slow:op", (event, args) -> CompletableFuture.runAsync(() -> awaitQuietly(release)));
        MethodDescriptor<Object> slow = MethodDescriptor.builder("slow:op", MethodDescriptor.Kind.BLOCKING).build();
        assertThrows(IpcTimeoutException.class,
                () -> renderer.call(slow, CallOptions.DEFAULT.withDeadline(Duration.ofMillis(200))));
        release.countDown();
    }

    @Test
    void mainCallsTheRendererThroughItsHandle() throws Exception {
        renderer.handle("panel:selection", (event, args) -> List.of("uuid-7"));
        RendererHandle handle = main.renderer("assets-panel").orElseThrow();
        assertEquals(List.of("uuid-7"), handle.invoke("panel:selection").get(10, TimeUnit.SECONDS));
    }

    @Test
    void closingFailsPendingRequestsWithDisconnect() throws Exception {
        main.handle("never:answers", (event, args) -> new CompletableFuture<>());
        CompletableFuture<Object> pending = renderer.invoke("never:answers");
        renderer.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IpcDisconnectedException.class, e.getCause());
    }

    @Test
    void bytesSurviveTheRoundTrip() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        main.handle("bytes:echo", (event, args) -> args[0]);
        MethodDescriptor<byte[]> echo = MethodDescriptor.<byte[]>builder("bytes:echo", MethodDescriptor.Kind.BLOCKING)
                .parameter("data", TypeRecipe.of(byte[].class))
                .result(TypeRecipe.of(byte[].class))
                .build();
        main.removeHandler("bytes:echo");
        main.register(List.of(Binding.handler(echo, (event, args) -> args[0])));
        assertArrayEquals(data, renderer.call(echo, CallOptions.DEFAULT, new Object[] {data}));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
