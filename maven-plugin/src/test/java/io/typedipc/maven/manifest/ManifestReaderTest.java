package io.typedipc.maven.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.maven.manifest.ChannelEntry.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
    private static final Manifest.Origin ORIGIN = new Manifest.Origin("g:a:1", "META-INF/typed-ipc/assets.AssetDb.json");

    static Manifest read(String json) throws ManifestException {
        return new ManifestReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ORIGIN);
    }

    @Test
    void readsFormatOne() throws Exception {
        Manifest manifest = read("""
                {"formatVersion": 1, "interface": "assets.AssetDb", "sender": "assets.AssetDbSender",
                 "dispatcher": "assets.AssetDbDispatcher", "channels": [
                  {"id": "asset-db:create", "method": "create", "kind": "BLOCKING",
                   "parameters": [{"name": "url", "type": "java.lang.String"}, {"name": "data", "type": "byte[]"}],
                   "result": "assets.AssetInfo", "errors": ["assets.AssetExistsException"], "deadlineMillis": 5000},
                  {"id": "asset-db:refresh", "method": "refresh", "kind": "ONE_WAY", "parameters": [],
                   "result": null, "errors": [], "deadlineMillis": 0}]}
                """);
        assertEquals(1, manifest.format());
        assertEquals("assets.AssetDb", manifest.interfaceName());
        assertEquals(2, manifest.channels().size());
        ChannelEntry create = manifest.channels().get(0);
        assertEquals(Kind.BLOCKING, create.kind());
        assertEquals(List.of("url", "data"), create.parameters().stream().map(ChannelEntry.Parameter::name).toList());
        assertEquals("byte[]", create.parameters().get(1).type());
        assertNull(create.parameters().get(1).schema());
        assertEquals(List.of("assets.AssetExistsException"), create.errors());
        assertEquals(5000, create.deadlineMillis());
        assertNull(manifest.channels().get(1).result());
        assertTrue(manifest.types().isEmpty());
    }

    @Test
    void readsFormatTwoSchemasAndTypes() throws Exception {
        Manifest manifest = read("""
                {"format": 2, "interface": "assets.AssetDb", "sender": "assets.AssetDbSender",
                 "dispatcher": "assets.AssetDbDispatcher", "channels": [
                  {"id": "asset-db:query", "method": "query", "kind": "ASYNC",
                   "parameters": [
                     {"name": "tags", "type": "java.util.Set<java.lang.String>",
                      "schema": {"kind": "array", "items": {"kind": "string", "nullable": true}, "unique": true, "nullable": true}},
                     {"name": "limit", "type": "int", "schema": {"kind": "integer", "bits": 32, "nullable": false}}],
                   "result": "java.util.Map<java.lang.String, assets.AssetInfo>",
                   "resultSchema": {"kind": "map", "keys": {"kind": "string", "nullable": false},
                                    "values": {"kind": "ref", "type": "assets.AssetInfo", "nullable": true}, "nullable": true},
                   "errors": [], "deadlineMillis": 0, "someFutureField": 1}],
                 "types": {
                   "assets.AssetInfo": {"kind": "object", "style": "record", "properties": [
                      {"name": "url", "schema": {"kind": "string", "nullable": true}, "required": true, "alwaysWritten": false, "readOnly": true},
                      {"name": "created", "schema": {"kind": "string", "format": "instant", "nullable": true}, "required": false},
                      {"name": "color", "schema": {"kind": "ref", "type": "assets.Color", "nullable": true}, "required": false},
                      {"name": "size", "schema": {"kind": "optional", "value": {"kind": "integer", "bits": 64, "nullable": false}, "nullable": true}, "required": false}]},
                   "assets.Color": {"kind": "enum", "values": ["RED", "GREEN"]},
                   "shapes.Shape": {"kind": "union", "discriminator": "@type", "variants": [{"tag": "Circle", "type": "shapes.Circle"}]},
                   "assets.Blob": {"kind": "opaque", "reason": "carries @JsonTypeInfo"},
                   "future.Kind": {"kind": "tuple", "items": []}}}
                """);
        assertEquals(2, manifest.format());
        ChannelEntry query = manifest.channels().get(0);
        assertEquals(new Shape.ArrayShape(new Shape.StringShape(null, true), true, true), query.parameters().get(0).schema());
        assertEquals(new Shape.IntegerShape(32, false), query.parameters().get(1).schema());
        assertEquals("map<string, assets.AssetInfo?>?", Shapes.describe(query.resultSchema()));
        TypeDef.ObjectType info = (TypeDef.ObjectType) manifest.types().get("assets.AssetInfo");
        assertEquals("record", info.style());
        assertTrue(info.property("url").required());
        assertTrue(info.property("url").readOnly());
        assertFalse(info.property("url").alwaysWritten());
        assertFalse(info.property("created").readOnly());
        assertEquals("string(instant)?", Shapes.describe(info.property("created").schema()));
        assertEquals("optional<int64>", Shapes.describe(info.property("size").schema()));
        assertEquals(List.of("RED", "GREEN"), ((TypeDef.EnumType) manifest.types().get("assets.Color")).values());
        assertEquals("@type", ((TypeDef.UnionType) manifest.types().get("shapes.Shape")).discriminator());
        assertEquals("carries @JsonTypeInfo", ((TypeDef.OpaqueType) manifest.types().get("assets.Blob")).reason());
        assertEquals("tuple", ((TypeDef.UnknownType) manifest.types().get("future.Kind")).kind());
        // What the report writes back is what was read.
        assertEquals(manifest.types().get("assets.AssetInfo"), reparse(info));
    }

    private static TypeDef reparse(TypeDef type) throws ManifestException {
        String json = "{\"format\": 2, \"interface\": \"x.Y\", \"channels\": [], \"types\": {\"t\": "
                + Shapes.typeToJson(type) + "}}";
        return read(json).types().get("t");
    }

    @Test
    void refusesANewerFormatSayingWhatToDo() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> read("{\"format\": 3, \"interface\": \"a.B\", \"channels\": []}"));
        assertEquals("g:a:1!/META-INF/typed-ipc/assets.AssetDb.json has manifest format 3; this plugin reads formats"
                + " 1 to 2: use a typed-ipc-maven-plugin as new as the processor that wrote it", e.getMessage());
    }

    @Test
    void refusesWhatIsNotAManifest() {
        assertTrue(assertThrows(ManifestException.class, () -> read("{\"channels\": [")).getMessage()
                .startsWith("g:a:1!/META-INF/typed-ipc/assets.AssetDb.json is not a readable JSON manifest: "));
        assertEquals("g:a:1!/META-INF/typed-ipc/assets.AssetDb.json has no \"format\" (or format 1's"
                        + " \"formatVersion\") number",
                assertThrows(ManifestException.class, () -> read("{\"interface\": \"a.B\"}")).getMessage());
        assertEquals("g:a:1!/META-INF/typed-ipc/assets.AssetDb.json channel a:b has kind \"SOMETIMES\"; expected"
                        + " ONE_WAY, BLOCKING or ASYNC",
                assertThrows(ManifestException.class, () -> read("""
                        {"format": 2, "interface": "a.B", "channels": [{"id": "a:b", "kind": "SOMETIMES"}]}
                        """)).getMessage());
        assertEquals("g:a:1!/META-INF/typed-ipc/assets.AssetDb.json channel a:b parameter p has no \"items\"",
                assertThrows(ManifestException.class, () -> read("""
                        {"format": 2, "interface": "a.B", "channels": [{"id": "a:b", "kind": "ONE_WAY",
                         "parameters": [{"name": "p", "type": "java.util.List<X>", "schema": {"kind": "array"}}]}]}
                        """)).getMessage());
    }
}
