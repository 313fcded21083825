package io.typedipc.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The main process's asset database over a real folder: {@code db://assets/a/b.png} is the file {@code a/b.png}
 * under the root. A uuid is derived from the relative path, so it is stable across runs.
 */
public final class AssetDbService implements AssetDb {
    static final String URL_PREFIX = "db://assets/";

    private final Path root;
    private final Transcript transcript;

    public AssetDbService(Path root, Transcript transcript) {
        this.root = root.toAbsolutePath().normalize();
        this.transcript = transcript;
    }

    @Override
    public AssetInfo queryInfo(String url) throws AssetNotFoundException {
        return infoOf(existing(url));
    }

    @Override
    public CompletableFuture<List<AssetInfo>> queryAssets(String glob) {
        PathMatcher matcher = root.getFileSystem().getPathMatcher("glob:" + relative(glob));
        // Walking a big folder must not hold up main's dispatch thread: an async handler may answer from a worker.
        return CompletableFuture.supplyAsync(() -> {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile)
                        .filter(file -> matcher.matches(root.relativize(file)))
                        .sorted(Comparator.naturalOrder())
                        .map(this::infoOf)
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public AssetInfo create(String url, String content) throws AssetExistsException {
        Path file = resolve(url);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new AssetExistsException(url + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return infoOf(file);
    }

    @Override
    public AssetInfo rename(String url, String newUrl) throws AssetNotFoundException, AssetExistsException {
        Path from = existing(url);
        Path to = resolve(newUrl);
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
        } catch (FileAlreadyExistsException e) {
            throw new AssetExistsException(newUrl + " already exists");
        } catch (NoSuchFileException e) {
            throw new AssetNotFoundException("no asset at " + url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return infoOf(to);
    }

    @Override
    public AssetInfo delete(String url) throws AssetNotFoundException {
        Path file = existing(url);
        AssetInfo info = infoOf(file);
        try {
            Files.delete(file);
            return info;
        } catch (NoSuchFileException e) {
            throw new AssetNotFoundException("no asset at " + url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void refresh(String url) {
        transcript.note("main", "refresh of " + url + ": " + countFiles() + " file(s) on disk");
    }

    /** The url of a file under the root. */
    String urlOf(Path file) {
        return URL_PREFIX + root.relativize(file).toString().replace('\\', '/');
    }

    private long countFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AssetInfo infoOf(Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        try {
            return new AssetInfo(UUID.nameUUIDFromBytes(relative.getBytes(StandardCharsets.UTF_8)).toString(),
                    URL_PREFIX + relative, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existing(String url) throws AssetNotFoundException {
        Path file = resolve(url);
        if (!Files.isRegularFile(file)) {
            throw new AssetNotFoundException("no asset at " + url);
        }
        return file;
    }

    /** The file behind a {@code db://assets/} url; urls that would leave the root are refused. */
    private Path resolve(String url) {
        Path file = root.resolve(relative(url)).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("not an asset url: " + url);
        }
        return file;
    }

    private static String relative(String url) {
        if (url == null || !url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("asset urls start with " + URL_PREFIX + ": " + url);
        }
        return url.substring(URL_PREFIX.length());
    }
}
