package io.typedipc.processor;

import static io.typedipc.processor.Compilations.compileCleanly;
import static io.typedipc.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.typedipc.runtime.IpcSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Manifest format 2: every data type reachable from a channel with its JSON shape. The property names are checked
 * against what the runtime's own mapper writes for real instances, so the manifest cannot drift from Jackson.
 */
class ManifestTest {

    private static final JavaFileObject MODEL = source("model.Model", """
            package model;

            import com.fasterxml.jackson.annotation.JsonCreator;
            import com.fasterxml.jackson.annotation.JsonIgnore;
            import com.fasterxml.jackson.annotation.JsonInclude;
            import com.fasterxml.jackson.annotation.JsonProperty;
            import java.math.BigDecimal;
            import java.time.Duration;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;
            import java.util.UUID;

            public final class Model {
                private Model() {}

                public enum Level { LOW, @JsonProperty("hi") HIGH }

                public record Tagged(@JsonProperty("display_name") String name, @JsonIgnore String secret,
                        Set<String> tags, Optional<Level> level, byte[] blob, int[] counts, Map<UUID, Instant> seen,
                        BigDecimal price, LocalDate day, Duration took, char mark) {}

                public record Node(String label, List<Node> children) {}

                public record Strict(@JsonProperty(required = true) String id, String note, int count) {}

                public record Page<T>(List<T> items, long total) {}

                public static class Bean {
                    private String name;
                    private int size;
                    private String note;
                    public String getName() { return name; }
                    public void setName(String name) { this.name = name; }
                    public int getSize() { return size; }
                    public void setSize(int size) { this.size = size; }
                    @JsonInclude(JsonInclude.Include.NON_NULL) public String getNote() { return note; }
                    public void setNote(String note) { this.note = note; }
                    public String getURL() { return "u:" + name; }
                    @JsonIgnore public String getHidden() { return "h"; }
                }

                public static final class Point {
                    private final int x;
                    private final int y;
                    @JsonCreator public Point(@JsonProperty("x") int x, @JsonProperty("y") int y) {
                        this.x = x;
                        this.y = y;
                    }
                    public int getX() { return x; }
                    public int getY() { return y; }
                }
            }
            """);

    private static final JavaFileObject CATALOG = source("model.Catalog", """
            package model;

            import io.typedipc.Channel;
            import java.util.List;
            import java.util.Map;

            @Channel("catalog")
            public interface Catalog {
                Model.Page<Model.Tagged> page(int from);
                Model.Node tree();
                void put(Model.Bean bean, Model.Point at);
                Map<String, List<Model.Level>> levels();
                Model.Strict strict(Model.Strict strict);
            }
            """);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode manifest(Compilation compilation, String name) throws IOException {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/typed-ipc/" + name + ".json").orElseThrow();
        return JSON.readTree(file.getCharContent(true).toString());
    }

    private static List<String> propertyNames(JsonNode typeDef) {
        List<String> names = new ArrayList<>();
        for (JsonNode property : typeDef.get("properties")) {
            names.add(property.get("name").asString());
        }
        return names;
    }

    private static JsonNode property(JsonNode typeDef, String name) {
        for (JsonNode property : typeDef.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property;
            }
        }
        throw new AssertionError("no property " + name + " in " + typeDef);
    }

    @Test
    void formatTwoDescribesEveryReachableType() throws Exception {
        Compilation compilation = compileCleanly(MODEL, CATALOG);
        JsonNode manifest = manifest(compilation, "model.Catalog");
        assertEquals(2, manifest.get("format").asInt());
        assertFalse(manifest.has("formatVersion"));
        JsonNode types = manifest.get("types");
        Set<String> keys = new TreeSet<>();
        types.propertyNames().forEach(keys::add);
        assertEquals(new TreeSet<>(List.of("model.Model.Page<model.Model.Tagged>", "model.Model.Tagged",
                "model.Model.Level", "model.Model.Node", "model.Model.Bean", "model.Model.Point", "model.Model.Strict")), keys);

        JsonNode page = manifest.get("channels").get(0);
        assertEquals("{\"kind\":\"ref\",\"type\":\"model.Model.Page<model.Model.Tagged>\",\"nullable\":true}",
                page.get("resultSchema").toString());
        assertEquals("{\"kind\":\"integer\",\"bits\":32,\"nullable\":false}",
                page.get("parameters").get(0).get("schema").toString());
        JsonNode pageType = types.get("model.Model.Page<model.Model.Tagged>");
        assertEquals("model.Model$Page", pageType.get("java").asString());
        assertEquals("{\"kind\":\"array\",\"items\":{\"kind\":\"ref\",\"type\":\"model.Model.Tagged\","
                + "\"nullable\":true},\"unique\":false,\"nullable\":true}",
                property(pageType, "items").get("schema").toString());

        JsonNode tagged = types.get("model.Model.Tagged");
        assertEquals("record", tagged.get("style").asString());
        assertEquals(List.of("display_name", "tags", "level", "blob", "counts", "seen", "price", "day", "took",
                "mark"), propertyNames(tagged));
        assertEquals("{\"kind\":\"array\",\"items\":{\"kind\":\"string\",\"nullable\":true},\"unique\":true,"
                + "\"nullable\":true}", property(tagged, "tags").get("schema").toString());
        assertEquals("{\"kind\":\"optional\",\"value\":{\"kind\":\"ref\",\"type\":\"model.Model.Level\","
                + "\"nullable\":false},\"nullable\":true}", property(tagged, "level").get("schema").toString());
        assertEquals("base64", property(tagged, "blob").get("schema").get("format").asString());
        assertEquals("uuid", property(tagged, "seen").get("schema").get("keys").get("format").asString());
        assertEquals("instant", property(tagged, "seen").get("schema").get("values").get("format").asString());
        assertEquals("decimal", property(tagged, "price").get("schema").get("kind").asString());
        assertEquals("local-date", property(tagged, "day").get("schema").get("format").asString());
        assertEquals("duration", property(tagged, "took").get("schema").get("format").asString());
        assertEquals("{\"kind\":\"string\",\"format\":\"char\",\"nullable\":false}",
                property(tagged, "mark").get("schema").toString());
        assertEquals("[\"LOW\",\"hi\"]", types.get("model.Model.Level").get("values").toString());

        JsonNode node = types.get("model.Model.Node");
        assertEquals("model.Model.Node", property(node, "children").get("schema").get("items").get("type").asString());

        JsonNode bean = types.get("model.Model.Bean");
        assertEquals("bean", bean.get("style").asString());
        assertEquals(List.of("URL", "name", "note", "size"), propertyNames(bean));
        assertTrue(property(bean, "URL").get("readOnly").asBoolean());
        assertFalse(property(bean, "name").get("readOnly").asBoolean());
        assertFalse(property(bean, "note").get("alwaysWritten").asBoolean());
        assertTrue(property(bean, "size").get("alwaysWritten").asBoolean());
        assertFalse(property(bean, "size").get("required").asBoolean());
        assertFalse(property(tagged, "tags").get("required").asBoolean());
        assertTrue(property(types.get("model.Model.Strict"), "id").get("required").asBoolean());
        assertFalse(property(types.get("model.Model.Strict"), "note").get("required").asBoolean());

        JsonNode point = types.get("model.Model.Point");
        assertEquals(List.of("x", "y"), propertyNames(point));
        assertFalse(property(point, "x").get("readOnly").asBoolean());
    }

    /** The names the manifest gives are the names the runtime's mapper writes, in the same order. */
    @Test
    void propertyNamesAreWhatTheRuntimeWrites() throws Exception {
        Compilation compilation = compileCleanly(MODEL, CATALOG);
        JsonNode types = manifest(compilation, "model.Catalog").get("types");
        ClassLoader loader = Compilations.loader(compilation);
        JsonMapper runtime = IpcSettings.defaultMapper();
        for (String key : List.of("model.Model.Tagged", "model.Model.Bean", "model.Model.Point", "model.Model.Node")) {
            JsonNode typeDef = types.get(key);
            Class<?> type = loader.loadClass(typeDef.get("java").asString());
            Object value = sample(type);
            JsonNode written = runtime.valueToTree(value);
            List<String> names = new ArrayList<>();
            written.propertyNames().forEach(names::add);
            List<String> described = propertyNames(typeDef);
            if (key.equals("model.Model.Bean")) {
                described.remove("note"); // NON_NULL, and the sample's note is null: left out, as "required": false says
            }
            assertEquals(described, names, key + " as written by the runtime: " + written);
        }
    }

    /** "required" is what the runtime's mapper really does with a missing property: fail, or read null / 0. */
    @Test
    void requiredMeansTheReaderFailsWithoutIt() throws Exception {
        Compilation compilation = compileCleanly(MODEL, CATALOG);
        Class<?> strict = Compilations.loader(compilation).loadClass("model.Model$Strict");
        JsonMapper runtime = IpcSettings.defaultMapper();
        assertThrows(tools.jackson.core.JacksonException.class, () -> runtime.readValue("{\"note\":\"n\"}", strict));
        assertEquals("Strict[id=a, note=null, count=0]", runtime.readValue("{\"id\":\"a\"}", strict).toString());
    }

    /** The published JSON Schema of the manifest (docs/manifest.schema.json) accepts what the processor writes. */
    @Test
    void manifestsFollowThePublishedSchema() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("../docs/manifest.schema.json")));
        Compilation catalog = compileCleanly(MODEL, CATALOG);
        Compilation assets = compileCleanly(GeneratedCodeTest.ASSET_INFO, GeneratedCodeTest.ASSET_EXISTS,
                GeneratedCodeTest.ASSET_DB, GeneratedCodeTest.EVENTS);
        for (JsonNode manifest : List.of(manifest(catalog, "model.Catalog"), manifest(assets, "assets.AssetDb"),
                manifest(assets, "assets.Events"))) {
            List<Error> errors = schema.validate(manifest);
            assertTrue(errors.isEmpty(), errors + " in " + manifest);
        }
        // And the schema is not a blank cheque: a manifest without its types, or with a shape of no kind, fails.
        ObjectNode broken = (ObjectNode) manifest(catalog, "model.Catalog");
        broken.remove("types");
        assertFalse(schema.validate(broken).isEmpty());
        ObjectNode badShape = (ObjectNode) manifest(catalog, "model.Catalog");
        ((ObjectNode) badShape.get("channels").get(0).get("resultSchema")).remove("kind");
        assertFalse(schema.validate(badShape).isEmpty());
    }

    /** A value of a compiled model class, built the way Jackson would: from an empty object. */
    private static Object sample(Class<?> type) {
        Supplier<Object> read = () -> IpcSettings.defaultMapper().readValue("{}", type);
        Object value = read.get();
        assertNotNull(value);
        return value;
    }
}
