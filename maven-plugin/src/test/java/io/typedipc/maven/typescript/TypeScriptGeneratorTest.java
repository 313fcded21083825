package io.typedipc.maven.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.maven.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapping from manifests to TypeScript, on interfaces compiled with the real processor: one golden file with
 * every construct, and determinism. (tsc compiles and runs generated files in js/ and integration-tests/.)
 */
class TypeScriptGeneratorTest {

    private static List<Manifest> shop;

    /** Every construct the generator maps: kinds of channels, shapes, type definitions, clashes, reserved names. */
    static synchronized List<Manifest> shop() {
        if (shop == null) {
            shop = compileShop();
        }
        return shop;
    }

    private static List<Manifest> compileShop() {
        String imports = "import io.typedipc.Channel;\nimport java.util.*;\nimport java.util.concurrent.*;\n"
                + "import java.time.*;\nimport com.fasterxml.jackson.annotation.*;\n";
        return Compiled.manifests(
                "shop.api.Shop", "package shop.api;\n" + imports
                        + "@Channel(\"shop\")\npublic interface Shop {\n"
                        + "  @Channel(value = \"get-item\", deadlineMillis = 2500)\n"
                        + "  Item get(String id) throws NoItemException;\n"
                        + "  CompletableFuture<List<Item>> find(Optional<String> text, Map<String, Integer> limits);\n"
                        + "  void log(byte[] data, Mood mood, char initial);\n"
                        + "  double area(Shape shape);\n"
                        + "  Page<Item> page(int index, long function) throws NoItemException, ClosedException;\n"
                        + "  CompletableFuture<Void> clear();\n"
                        + "  Peer owner(shop.other.Tag tag);\n"
                        + "  Settings settings(Settings update);\n"
                        + "}\n",
                "shop.api.Item", "package shop.api;\n" + imports
                        + "public record Item(String id, int count, Optional<Instant> added, Set<Tag> tags,\n"
                        + "    @JsonProperty(\"display-name\") String displayName, Map<String, List<Double>> prices,\n"
                        + "    java.math.BigDecimal price, UUID uuid) {}\n",
                "shop.api.Tag", "package shop.api;\npublic record Tag(String name) {}\n",
                "shop.other.Tag", "package shop.other;\npublic enum Tag { RED, GREEN }\n",
                "shop.api.Peer", "package shop.api;\npublic record Peer(String name) {}\n",
                "shop.api.Mood", "package shop.api;\n" + imports
                        + "public enum Mood { HAPPY, @JsonProperty(\"so-so\") SO_SO, @JsonProperty(\"it's\") QUOTE }\n",
                "shop.api.Shape", "package shop.api;\n" + imports
                        + "public sealed interface Shape permits Shape.Circle, Shape.Square, Shape.Unit {\n"
                        + "  record Circle(double radius) implements Shape {}\n"
                        + "  @JsonTypeName(\"sq\") record Square(double side) implements Shape {}\n"
                        + "  enum Unit implements Shape { POINT }\n"
                        + "}\n",
                "shop.api.Page", "package shop.api;\nimport java.util.List;\n"
                        + "public record Page<T>(List<T> items, int total) {}\n",
                "shop.api.Settings", "package shop.api;\n" + imports
                        + "public final class Settings {\n"
                        + "  public String theme;\n"
                        + "  @JsonInclude(JsonInclude.Include.NON_NULL) public Integer volume;\n"
                        + "  public String getSummary() { return theme + volume; }\n"
                        + "}\n",
                "shop.api.NoItemException", "package shop.api;\n"
                        + "public class NoItemException extends Exception {\n"
                        + "  private static final long serialVersionUID = 1L;\n"
                        + "  public NoItemException(String message) { super(message); }\n"
                        + "}\n",
                "shop.api.ClosedException", "package shop.api;\n"
                        + "public class ClosedException extends Exception {\n"
                        + "  private static final long serialVersionUID = 1L;\n"
                        + "  public ClosedException(String message) { super(message); }\n"
                        + "}\n",
                "shop.api.ShopPanel", "package shop.api;\n" + imports
                        + "@Channel(\"shop-panel\")\npublic interface ShopPanel {\n"
                        + "  CompletableFuture<String> status() throws ClosedException;\n"
                        + "  void changed(String event, List<Item> items);\n"
                        + "}\n",
                "shop.api.Ticks", "package shop.api;\n" + imports
                        + "@Channel(\"ticks\")\npublic interface Ticks {\n"
                        + "  void tick(long at);\n"
                        + "}\n");
    }

    @Test
    void goldenFile() throws Exception {
        String actual = new TypeScriptGenerator(TypeScriptGenerator.DEFAULT_CLIENT_MODULE).generate(shop());
        assertGolden("shop.index.ts", actual);
    }

    @Test
    void theOutputDoesNotDependOnTheOrderOfTheManifests() throws Exception {
        List<Manifest> manifests = shop();
        TypeScriptGenerator generator = new TypeScriptGenerator("@typed-ipc/client");
        String first = generator.generate(manifests);
        List<Manifest> reversed = new ArrayList<>(manifests);
        Collections.reverse(reversed);
        assertEquals(first, generator.generate(reversed));
        // the same interface in two places (own classes and a dependency) is generated once
        List<Manifest> twice = new ArrayList<>(manifests);
        twice.addAll(manifests);
        assertEquals(first, generator.generate(twice));
    }

    @Test
    void theClientModuleIsWhatTheFileImportsFrom() throws Exception {
        String text = new TypeScriptGenerator("../client/index.js").generate(shop());
        assertTrue(text.contains("} from '../client/index.js';\n"), text);
        assertThrows(IllegalArgumentException.class, () -> new TypeScriptGenerator(" "));
    }

    @Test
    void writeToLeavesAnUnchangedFileAlone(@TempDir Path temp) throws Exception {
        TypeScriptGenerator generator = new TypeScriptGenerator(TypeScriptGenerator.DEFAULT_CLIENT_MODULE);
        Path file = generator.writeTo(temp.resolve("out/ts"), shop());
        assertEquals(temp.resolve("out/ts/index.ts"), file);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
        generator.writeTo(temp.resolve("out/ts"), shop());
        assertEquals(0, Files.getLastModifiedTime(file).toMillis());
        Files.writeString(file, "stale");
        generator.writeTo(temp.resolve("out/ts"), shop());
        assertEquals(generator.generate(shop()), Files.readString(file));
    }

    /**
     * Compares with {@code src/test/resources/typescript/<name>}; on a difference the actual text is written to
     * {@code target/typescript/<name>} to diff or copy over.
     */
    static void assertGolden(String name, String actual) throws IOException {
        String expected;
        try (InputStream in = TypeScriptGeneratorTest.class.getResourceAsStream("/typescript/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "typescript", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
            assertEquals(expected, actual, "generated text differs from the golden file; actual in " + out.toAbsolutePath());
        }
    }
}
