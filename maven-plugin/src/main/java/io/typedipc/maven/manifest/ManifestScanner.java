package io.typedipc.maven.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds and reads every manifest under {@value #DIRECTORY} of a class directory (a build's output) or a jar, in the
 * order of their entry names. Loads no classes.
 */
public final class ManifestScanner {

    /** Where the processor writes manifests, relative to the class output. */
    public static final String DIRECTORY = "META-INF/typed-ipc/";

    private final ManifestReader reader = new ManifestReader();

    /**
     * The manifests of a jar, a class directory, or nothing when {@code location} does not exist (a module with no
     * classes yet).
     *
     * @param artifact the name the manifests' {@link Manifest.Origin} carries (coordinates, or a path)
     */
    public List<Manifest> scan(Path location, String artifact) throws ManifestException {
        if (Files.isDirectory(location)) {
            return scanDirectory(location, artifact);
        }
        if (Files.isRegularFile(location)) {
            return scanJar(location, artifact);
        }
        return List.of();
    }

    private List<Manifest> scanDirectory(Path classes, String artifact) throws ManifestException {
        Path directory = classes.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ManifestException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files) {
            Manifest.Origin origin = new Manifest.Origin(artifact, DIRECTORY + file.getFileName());
            try (InputStream in = Files.newInputStream(file)) {
                manifests.add(reader.read(in, origin));
            } catch (IOException e) {
                throw new ManifestException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return manifests;
    }

    private List<Manifest> scanJar(Path jar, String artifact) throws ManifestException {
        List<Manifest> manifests = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(DIRECTORY) && name.endsWith(".json")
                        && name.indexOf('/', DIRECTORY.length()) < 0) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    manifests.add(reader.read(in, new Manifest.Origin(artifact, entry.getName())));
                }
            }
        } catch (IOException e) {
            throw new ManifestException("cannot read the jar " + jar + ": " + e.getMessage(), e);
        }
        return manifests;
    }
}
