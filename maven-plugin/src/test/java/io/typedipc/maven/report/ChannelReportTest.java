package io.typedipc.maven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.ManifestReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChannelReportTest {
    private static final String MANIFEST = """
            {"format": 2, "interface": "shop.Shop", "sender": "shop.ShopSender", "dispatcher": "shop.ShopDispatcher",
             "channels": [
              {"id": "shop:get", "method": "get", "kind": "BLOCKING",
               "parameters": [{"name": "id", "type": "java.lang.String", "schema": {"kind": "string", "nullable": true}}],
               "result": "shop.Item", "resultSchema": {"kind": "ref", "type": "shop.Item", "nullable": true},
               "errors": ["shop.NoItemException"], "deadlineMillis": 1500},
              {"id": "shop:log", "method": "log", "kind": "ONE_WAY",
               "parameters": [{"name": "line", "type": "java.util.Map<java.lang.String, java.lang.Integer>",
                 "schema": {"kind": "map", "keys": {"kind": "string", "nullable": false},
                            "values": {"kind": "integer", "bits": 32, "nullable": true}, "nullable": true}}],
               "result": null, "resultSchema": null, "errors": [], "deadlineMillis": 0}],
             "types": {"shop.Item": {"kind": "object", "style": "record", "properties": [
               {"name": "id", "schema": {"kind": "string", "nullable": true}, "required": false, "alwaysWritten": true, "readOnly": false}]}}}
            """;

    @TempDir
    Path temp;

    private static ChannelReport report() throws Exception {
        Manifest manifest = new ManifestReader().read(new ByteArrayInputStream(MANIFEST.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin("com.example:shop:1.2", "META-INF/typed-ipc/shop.Shop.json"));
        return new ChannelReport(new ChannelCatalog(List.of(manifest)));
    }

    @Test
    void jsonCarriesEveryFieldAndTheSchemasAsInTheManifest() throws Exception {
        report().writeTo(temp.resolve("out"));
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(temp.resolve("out/channels.json")));
        JsonNode manifest = JsonMapper.builder().build().readTree(MANIFEST);
        assertEquals(1, root.get("reportFormat").intValue());
        JsonNode get = root.get("channels").get(0);
        assertEquals("shop:get", get.get("id").stringValue());
        assertEquals("BLOCKING", get.get("kind").stringValue());
        assertEquals("shop.Shop", get.get("interface").stringValue());
        assertEquals("com.example:shop:1.2", get.get("artifact").stringValue());
        assertEquals(manifest.get("channels").get(0).get("parameters"), get.get("parameters"));
        assertEquals(manifest.get("channels").get(0).get("resultSchema"), get.get("resultSchema"));
        assertEquals("shop.NoItemException", get.get("errors").get(0).stringValue());
        assertEquals(1500, get.get("deadlineMillis").intValue());
        assertEquals(manifest.get("channels").get(1).get("parameters"), root.get("channels").get(1).get("parameters"));
        assertTrue(root.get("channels").get(1).get("result").isNull());
        JsonNode shop = root.get("interfaces").get(0);
        assertEquals("shop.ShopSender", shop.get("sender").stringValue());
        assertEquals(2, shop.get("format").intValue());
        assertEquals(manifest.get("types"), shop.get("types"));
    }

    @Test
    void markdownIsOneRowPerChannel() throws Exception {
        assertEquals("""
                # Channels

                2 channels in 1 interface.

                | channel | kind | parameters | result | errors | deadline | interface | artifact |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                | `shop:get` | blocking request | id: `java.lang.String` | `shop.Item` | `shop.NoItemException` | 1500 ms | `shop.Shop` | `com.example:shop:1.2` |
                | `shop:log` | one-way | line: `java.util.Map<java.lang.String, java.lang.Integer>` | — | — | default | `shop.Shop` | `com.example:shop:1.2` |
                """, report().markdown());
    }
}
