package io.typedipc.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One scenario's main context and renderers over one transport; closes everything at the end. */
final class Rig implements AutoCloseable {
    /** How long a test waits for something that should happen promptly: generous, the machine is shared. */
    static final long WAIT_SECONDS = 30;
    static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);

    final TransportFixture fixture;
    final IpcMain main;
    private final List<IpcRenderer> renderers = new ArrayList<>();

    Rig(TransportFixture fixture) {
        this(fixture, IpcSettings.defaults());
    }

    Rig(TransportFixture fixture, IpcSettings mainSettings) {
        this.fixture = fixture;
        this.main = IpcMain.create(mainSettings);
    }

    IpcRenderer connect(String name) throws Exception {
        return connect(name, IpcSettings.defaults());
    }

    IpcRenderer connect(String name, IpcSettings settings) throws Exception {
        IpcRenderer renderer = fixture.connect(main, name, settings);
        renderers.add(renderer);
        handle(name);
        return renderer;
    }

    /** Main's handle of the renderer named {@code name}. */
    RendererHandle handle(String name) {
        return main.renderer(name).orElseThrow(() -> new AssertionError("main does not list renderer " + name));
    }

    @Override
    public void close() {
        for (IpcRenderer renderer : renderers) {
            renderer.close();
        }
        main.close();
        try {
            fixture.cleanup();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cleaning up " + fixture.name(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not clean up " + fixture.name(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (value == null) {
            fail("nothing arrived within " + WAIT_SECONDS + " s");
        }
        return value;
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for a latch");
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits for {@code latch} in a handler, where an interruption just ends the wait. */
    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls {@code body}, turning checked exceptions into unchecked ones, for use in lambdas. */
    static <T> T unchecked(Callable<T> body) {
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
