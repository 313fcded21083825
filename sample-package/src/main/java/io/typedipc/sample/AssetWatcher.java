package io.typedipc.sample;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the asset folder, sub-folders included, and reports each file created, modified or deleted. Runs on its own
 * daemon thread; {@link #close()} stops it.
 */
final class AssetWatcher implements AutoCloseable {
    private final WatchService watcher;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Consumer<AssetChange> onChange;
    private final AssetDbService assetDb;
    private final Thread thread;

    AssetWatcher(Path root, AssetDbService assetDb, Consumer<AssetChange> onChange) throws IOException {
        this.watcher = root.getFileSystem().newWatchService();
        this.assetDb = assetDb;
        this.onChange = onChange;
        registerTree(root);
        this.thread = new Thread(this::run, "asset-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path folder = folders.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (folder != null && event.kind() != OVERFLOW) {
                        handle(folder.resolve((Path) event.context()), event.kind());
                    }
                }
                if (!key.reset()) {
                    folders.remove(key);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private void handle(Path path, WatchEvent.Kind<?> kind) {
        if (kind == ENTRY_CREATE && Files.isDirectory(path)) {
            registerTree(path); // a new folder: watch it, and report files that landed in it before we did
            try (Stream<Path> files = Files.walk(path)) {
                files.filter(Files::isRegularFile).forEach(file -> report(AssetChange.Kind.CREATED, file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (kind == ENTRY_CREATE) {
            report(AssetChange.Kind.CREATED, path);
        } else if (kind == ENTRY_MODIFY && Files.isRegularFile(path)) {
            report(AssetChange.Kind.MODIFIED, path);
        } else if (kind == ENTRY_DELETE) {
            report(AssetChange.Kind.DELETED, path);
        }
    }

    private void report(AssetChange.Kind kind, Path file) {
        onChange.accept(new AssetChange(kind, assetDb.urlOf(file)));
    }

    private void registerTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path folder : paths.filter(Files::isDirectory).toList()) {
                folders.put(folder.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
