package io.typedipc.maven.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.ManifestException;
import io.typedipc.maven.manifest.ManifestReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparator on format-2 manifests written by hand following the manifest contract: the verdicts on data types
 * (which CompatibilityTest proves at run time) and the finer points of shapes.
 */
class ComparatorTest {

    /** A manifest of {@code shop.Shop} with one channel {@code shop:put(item) -> result} and {@code types}. */
    private static ChannelCatalog manifest(String parameterSchema, String resultSchema, String types)
            throws ManifestException {
        String json = """
                {"format": 2, "interface": "shop.Shop", "sender": "shop.ShopSender", "dispatcher": "shop.ShopDispatcher",
                 "channels": [{"id": "shop:put", "method": "put", "kind": "BLOCKING",
                   "parameters": [{"name": "item", "type": "shop.Item", "schema": %s}],
                   "result": "shop.Item", "resultSchema": %s, "errors": [], "deadlineMillis": 0}],
                 "types": {%s}}
                """.formatted(parameterSchema, resultSchema, types);
        Manifest manifest = new ManifestReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin("g:shop:1", "META-INF/typed-ipc/shop.Shop.json"));
        return new ChannelCatalog(List.of(manifest));
    }

    private static final String REF = "{\"kind\": \"ref\", \"type\": \"shop.Item\", \"nullable\": true}";
    private static final String STRING = "{\"kind\": \"string\", \"nullable\": true}";
    private static final String INT = "{\"kind\": \"integer\", \"bits\": 32, \"nullable\": false}";

    /** shop.Item with these properties, flagged as the processor writes a record's components. */
    private static String item(String... properties) {
        StringBuilder out = new StringBuilder("\"shop.Item\": {\"kind\": \"object\", \"style\": \"record\", \"properties\": [");
        for (int i = 0; i < properties.length; i += 2) {
            out.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(properties[i]).append("\", \"schema\": ")
                    .append(properties[i + 1]).append(", \"required\": false, \"alwaysWritten\": true, \"readOnly\": false}");
        }
        return out.append("]}").toString();
    }

    private static List<String> lines(ChannelCatalog a, ChannelCatalog b) {
        return new ContractComparator().compare(a, b).findings().stream().map(Finding::toString).toList();
    }

    @Test
    void nullablePropertyAddedIsCompatibleBothWays() throws Exception {
        // The parameter and the result are the same type: reported once per channel, where it is first reached.
        ChannelCatalog v1 = manifest(REF, REF, item("id", STRING));
        ChannelCatalog v2 = manifest(REF, REF, item("id", STRING, "note", STRING));
        assertEquals(List.of(
                "shop:put: parameter \"item\": shop.Item property \"note\" added: COMPATIBLE: an old sender leaves it"
                        + " out and the new receiver reads null; a new sender's value is ignored by an old receiver"
                        + " (the mapper ignores unknown properties)"), lines(v1, v2));
        assertEquals(1, new ContractComparator().compare(v2, v1).findings().size());
        assertTrue(lines(v2, v1).get(0).contains("property \"note\" removed: COMPATIBLE"));
    }

    @Test
    void primitivePropertyAddedOrRemovedIsBreaking() throws Exception {
        ChannelCatalog v1 = manifest(REF, "null", item("id", STRING));
        ChannelCatalog v2 = manifest(REF, "null", item("id", STRING, "count", INT));
        assertEquals(List.of("shop:put: parameter \"item\": shop.Item property \"count\" added: BREAKING: an old sender"
                + " leaves it out and the new receiver reads 0 or false (a primitive), silently; a new sender's value"
                + " is ignored by an old receiver (the mapper ignores unknown properties)"), lines(v1, v2));
        assertTrue(lines(v2, v1).get(0).contains("property \"count\" removed: BREAKING"));
    }

    @Test
    void aRequiredPropertyAddedIsBreakingEvenWhenNullable() throws Exception {
        ChannelCatalog v1 = manifest(REF, "null", item("id", STRING));
        ChannelCatalog v2 = manifest(REF, "null", item("id", STRING).replace("]}", ", {\"name\": \"note\", \"schema\": "
                + STRING + ", \"required\": true, \"alwaysWritten\": true, \"readOnly\": false}]}"));
        assertEquals(List.of("shop:put: parameter \"item\": shop.Item property \"note\" added: BREAKING: an old sender"
                + " leaves it out and the new receiver reads nothing where the property is required"
                + " (@JsonProperty(required = true)): the value fails to decode"), lines(v1, v2));
    }

    @Test
    void enumConstantsAddedOrRemovedAreBreaking() throws Exception {
        String color = "{\"kind\": \"ref\", \"type\": \"shop.Color\", \"nullable\": true}";
        ChannelCatalog v1 = manifest(REF, "null", item("color", color) + ", \"shop.Color\": {\"kind\": \"enum\", \"values\": [\"RED\", \"GREEN\"]}");
        ChannelCatalog v2 = manifest(REF, "null", item("color", color) + ", \"shop.Color\": {\"kind\": \"enum\", \"values\": [\"RED\", \"BLUE\"]}");
        assertEquals(List.of(
                "shop:put: parameter \"item\": shop.Item.color: shop.Color constant BLUE added: BREAKING: an old peer"
                        + " cannot decode BLUE: a request fails with -32602 (invalid params), a reply fails to decode"
                        + " at the caller, a one-way message is dropped",
                "shop:put: parameter \"item\": shop.Item.color: shop.Color constant GREEN removed: BREAKING: the new"
                        + " version cannot decode GREEN from an old peer: a request fails with -32602 (invalid params),"
                        + " a reply fails to decode at the caller, a one-way message is dropped"), lines(v1, v2));
    }

    @Test
    void shapesChangeByKindWidthFormatAndNullability() throws Exception {
        ChannelCatalog base = manifest(REF, "null", item("n", INT, "when", "{\"kind\": \"string\", \"format\": \"instant\", \"nullable\": true}"));
        ChannelCatalog wider = manifest(REF, "null", item("n", "{\"kind\": \"integer\", \"bits\": 64, \"nullable\": false}",
                "when", "{\"kind\": \"string\", \"format\": \"local-date\", \"nullable\": true}"));
        List<String> lines = lines(base, wider);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("shop:put: parameter \"item\": shop.Item.n retyped from int32 to int64: BREAKING"), lines.get(0));
        assertTrue(lines.get(1).startsWith("shop:put: parameter \"item\": shop.Item.when retyped from string(instant)?"
                + " to string(local-date)?: BREAKING"), lines.get(1));
        ChannelCatalog boxed = manifest(REF, "null", item("n", "{\"kind\": \"integer\", \"bits\": 32, \"nullable\": true}",
                "when", "{\"kind\": \"string\", \"format\": \"instant\", \"nullable\": true}"));
        assertTrue(lines(base, boxed).get(0).startsWith("shop:put: parameter \"item\": shop.Item.n may now be null (int32 to int32?): BREAKING"));
        ChannelCatalog text = manifest(STRING, "null", item("n", INT, "when", "{\"kind\": \"string\", \"format\": \"instant\", \"nullable\": true}"));
        assertEquals(List.of("shop:put: parameter \"item\" retyped from shop.Item? to string?: BREAKING: "
                + ShapeComparator.VALUE_FAILS), lines(base, text));
    }

    @Test
    void anOptionalTravelsAsItsNullableValue() throws Exception {
        ChannelCatalog plain = manifest(STRING, "null", "");
        ChannelCatalog optional = manifest("{\"kind\": \"optional\", \"value\": {\"kind\": \"string\", \"nullable\": false}, \"nullable\": true}", "null", "");
        assertEquals(List.of(), lines(plain, optional));
    }

    @Test
    void listsSetsMapsAndRenamedTypesAreComparedStructurally() throws Exception {
        String list = "{\"kind\": \"array\", \"items\": " + REF + ", \"unique\": false, \"nullable\": true}";
        String set = "{\"kind\": \"array\", \"items\": " + REF + ", \"unique\": true, \"nullable\": true}";
        ChannelCatalog v1 = manifest(list, "null", item("id", STRING));
        assertTrue(lines(v1, manifest(set, "null", item("id", STRING))).get(0)
                .startsWith("shop:put: parameter \"item\" changed from array<shop.Item?>? to set<shop.Item?>?: BREAKING"));
        // The type's name does not travel: a renamed record with the same properties is the same JSON.
        String renamed = "{\"kind\": \"array\", \"items\": {\"kind\": \"ref\", \"type\": \"shop.Article\", \"nullable\": true}, \"unique\": false, \"nullable\": true}";
        ChannelCatalog v2 = manifest(renamed, "null", item("id", STRING).replace("shop.Item", "shop.Article"));
        assertEquals(List.of(), lines(v1, v2));
        ChannelCatalog v3 = manifest(renamed, "null", item("id", INT).replace("shop.Item", "shop.Article"));
        assertTrue(lines(v1, v3).get(0).startsWith("shop:put: parameter \"item\" element: shop.Item (now shop.Article).id"
                + " retyped from string? to int32: BREAKING"), lines(v1, v3).toString());
    }

    @Test
    void recursiveTypesAreComparedOnce() throws Exception {
        String self = "{\"kind\": \"ref\", \"type\": \"shop.Item\", \"nullable\": true}";
        ChannelCatalog v1 = manifest(REF, "null", item("next", self));
        ChannelCatalog v2 = manifest(REF, "null", item("next", self, "note", STRING));
        assertEquals(1, lines(v1, v2).size(), lines(v1, v2).toString());
    }

    @Test
    void unionVariantsAreLikeEnumConstants() throws Exception {
        String shape = "{\"kind\": \"ref\", \"type\": \"shop.Shape\", \"nullable\": true}";
        String circle = "\"shop.Circle\": {\"kind\": \"object\", \"style\": \"record\", \"properties\": []}";
        String square = "\"shop.Square\": {\"kind\": \"object\", \"style\": \"record\", \"properties\": []}";
        ChannelCatalog v1 = manifest(shape, "null", "\"shop.Shape\": {\"kind\": \"union\", \"discriminator\": \"@type\","
                + " \"variants\": [{\"tag\": \"Circle\", \"type\": \"shop.Circle\"}]}, " + circle);
        ChannelCatalog v2 = manifest(shape, "null", "\"shop.Shape\": {\"kind\": \"union\", \"discriminator\": \"@type\","
                + " \"variants\": [{\"tag\": \"Circle\", \"type\": \"shop.Circle\"}, {\"tag\": \"Square\", \"type\": \"shop.Square\"}]}, "
                + circle + ", " + square);
        assertEquals(List.of("shop:put: parameter \"item\": shop.Shape variant Square added: BREAKING: an old peer cannot"
                + " decode Square: a request fails with -32602 (invalid params), a reply fails to decode at the caller,"
                + " a one-way message is dropped"), lines(v1, v2));
    }

    @Test
    void aFormatOneSideComparesJavaTypesAndSaysWhatItCouldNot() throws Exception {
        String formatOne = """
                {"formatVersion": 1, "interface": "shop.Shop", "channels": [{"id": "shop:put", "method": "put",
                 "kind": "BLOCKING", "parameters": [{"name": "item", "type": "shop.Item"}], "result": "shop.Item",
                 "errors": [], "deadlineMillis": 0}]}
                """;
        Manifest old = new ManifestReader().read(new ByteArrayInputStream(formatOne.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin("g:shop:0.9", "META-INF/typed-ipc/shop.Shop.json"));
        Comparison comparison = new ContractComparator().compare(new ChannelCatalog(List.of(old)),
                manifest(REF, REF, item("id", STRING)));
        assertEquals(List.of(), comparison.findings());
        assertEquals(List.of("g:shop:0.9!/META-INF/typed-ipc/shop.Shop.json has manifest format 1: the fields of records"
                + " and the constants of enums were not compared"), comparison.notes());
        Comparison retyped = new ContractComparator().compare(new ChannelCatalog(List.of(old)), retypedFormatOne());
        assertEquals("shop:put: parameter \"item\" retyped from shop.Item to java.lang.String: BREAKING: "
                + ShapeComparator.VALUE_FAILS + " (a format-1 manifest has no data shapes, so any change of type counts)",
                retyped.findings().get(0).toString());
    }

    private static ChannelCatalog retypedFormatOne() throws ManifestException {
        String json = """
                {"formatVersion": 1, "interface": "shop.Shop", "channels": [{"id": "shop:put", "method": "put",
                 "kind": "BLOCKING", "parameters": [{"name": "item", "type": "java.lang.String"}], "result": "shop.Item",
                 "errors": [], "deadlineMillis": 0}]}
                """;
        return new ChannelCatalog(List.of(new ManifestReader().read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin("g:shop:1", "META-INF/typed-ipc/shop.Shop.json"))));
    }
}
