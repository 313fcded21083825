package io.typedipc.maven.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestScannerTest {
    @TempDir
    Path temp;

    static String manifest(String interfaceName, String... ids) {
        StringBuilder channels = new StringBuilder();
        for (String id : ids) {
            channels.append(channels.length() == 0 ? "" : ",").append("{\"id\": \"").append(id)
                    .append("\", \"method\": \"m\", \"kind\": \"ONE_WAY\", \"parameters\": [], \"result\": null,"
                            + " \"errors\": [], \"deadlineMillis\": 0}");
        }
        return "{\"format\": 2, \"interface\": \"" + interfaceName + "\", \"channels\": [" + channels + "], \"types\": {}}";
    }

    /** A jar holding {@code entries} (path to text). */
    static Path jar(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void readsEveryManifestOfAJarInNameOrderAndNothingElse() throws Exception {
        Path jar = jar(temp.resolve("a.jar"), Map.of(
                "META-INF/typed-ipc/b.Second.json", manifest("b.Second", "b:two"),
                "META-INF/typed-ipc/a.First.json", manifest("a.First", "a:one"),
                "META-INF/typed-ipc/notes.txt", "not a manifest",
                "META-INF/typed-ipc/deeper/c.Third.json", manifest("c.Third", "c:three"),
                "a/First.class", "bytes"));
        List<Manifest> manifests = new ManifestScanner().scan(jar, "g:a:1");
        assertEquals(List.of("a.First", "b.Second"), manifests.stream().map(Manifest::interfaceName).toList());
        assertEquals(new Manifest.Origin("g:a:1", "META-INF/typed-ipc/a.First.json"), manifests.get(0).origin());
    }

    @Test
    void readsAClassDirectoryAndToleratesOneWithoutManifests() throws Exception {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/typed-ipc"));
        Files.writeString(classes.resolve("META-INF/typed-ipc/a.First.json"), manifest("a.First", "a:one"));
        assertEquals(1, new ManifestScanner().scan(classes, "g:a:1").size());
        assertEquals(List.of(), new ManifestScanner().scan(temp.resolve("missing"), "g:b:1"));
        Files.createDirectories(temp.resolve("empty"));
        assertEquals(List.of(), new ManifestScanner().scan(temp.resolve("empty"), "g:c:1"));
    }

    @Test
    void aBrokenManifestNamesTheJarAndTheEntry() throws Exception {
        Path jar = jar(temp.resolve("broken.jar"), Map.of("META-INF/typed-ipc/a.First.json", "{\"format\": 2"));
        ManifestException e = assertThrows(ManifestException.class, () -> new ManifestScanner().scan(jar, "g:broken:1"));
        assertTrue(e.getMessage().startsWith("g:broken:1!/META-INF/typed-ipc/a.First.json is not a readable JSON manifest"),
                e.getMessage());
    }

    @Test
    void findsAnIdDeclaredInTwoJars() throws Exception {
        ManifestScanner scanner = new ManifestScanner();
        Path one = jar(temp.resolve("one.jar"), Map.of("META-INF/typed-ipc/a.Api.json", manifest("a.Api", "x:ping", "x:pong")));
        Path two = jar(temp.resolve("two.jar"), Map.of("META-INF/typed-ipc/b.Api.json", manifest("b.Api", "x:pong", "y:other")));
        List<Manifest> all = new java.util.ArrayList<>(scanner.scan(one, "g:one:1"));
        all.addAll(scanner.scan(two, "g:two:2"));
        ChannelCatalog catalog = new ChannelCatalog(all);
        assertEquals(4, catalog.channels().size());
        assertEquals(1, catalog.duplicates().size());
        assertEquals("channel \"x:pong\" is declared by a.Api in g:one:1 and by b.Api in g:two:2",
                catalog.duplicates().get(0).toString());
        assertEquals("a.Api", catalog.channel("x:pong").manifest().interfaceName());
        assertEquals(List.of(), new ChannelCatalog(scanner.scan(one, "g:one:1")).duplicates());
    }
}
