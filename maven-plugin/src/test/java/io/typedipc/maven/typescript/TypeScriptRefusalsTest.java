package io.typedipc.maven.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.ManifestReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each refusal of the generator, with its whole message. */
class TypeScriptRefusalsTest {
    private static final String STRING = "{\"kind\": \"string\", \"nullable\": true}";

    private static Manifest manifest(String artifact, String channels, String types) throws Exception {
        String json = "{\"format\": 2, \"interface\": \"shop.Shop\", \"sender\": \"shop.ShopSender\","
                + " \"dispatcher\": \"shop.ShopDispatcher\", \"channels\": [" + channels + "], \"types\": {" + types + "}}";
        return new ManifestReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin(artifact, "META-INF/typed-ipc/shop.Shop.json"));
    }

    private static String channel(String id, String method, String parameterSchema, String resultSchema) {
        return "{\"id\": \"" + id + "\", \"method\": \"" + method + "\", \"kind\": \"BLOCKING\", \"parameters\": [{\"name\": \"p\","
                + " \"type\": \"x\", \"schema\": " + parameterSchema + "}], \"result\": \"x\", \"resultSchema\": "
                + resultSchema + ", \"errors\": [], \"deadlineMillis\": 0}";
    }

    private static String refusal(List<Manifest> manifests) {
        return assertThrows(TypeScriptException.class,
                () -> new TypeScriptGenerator(TypeScriptGenerator.DEFAULT_CLIENT_MODULE).generate(manifests)).getMessage();
    }

    @Test
    void noManifests() {
        assertEquals("no channel manifests (META-INF/typed-ipc/*.json) found: compile the @Channel interfaces with"
                + " typed-ipc-processor on the annotation processor path first", refusal(List.of()));
    }

    @Test
    void formatOne() throws Exception {
        String json = "{\"formatVersion\": 1, \"interface\": \"shop.Shop\", \"channels\": []}";
        Manifest old = new ManifestReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin("com.example:shop:0.9", "META-INF/typed-ipc/shop.Shop.json"));
        assertEquals("com.example:shop:0.9!/META-INF/typed-ipc/shop.Shop.json is manifest format 1, which does not"
                + " describe the data types: rebuild it with a typed-ipc-processor that writes format 2",
                refusal(List.of(old)));
    }

    @Test
    void unknownShapeKind() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", "{\"kind\": \"tuple\", \"nullable\": true}", STRING), "");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json channel shop:get parameter p uses the schema kind"
                + " \"tuple\", which this generator does not know: use a typed-ipc-maven-plugin as new as the"
                + " typed-ipc-processor that wrote the manifest", refusal(List.of(m)));
    }

    @Test
    void unknownTypeKind() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", STRING, "{\"kind\": \"ref\", \"type\": \"shop.X\", \"nullable\": true}"),
                "\"shop.X\": {\"kind\": \"struct\"}");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json type shop.X uses the type kind \"struct\", which this"
                + " generator does not know: use a typed-ipc-maven-plugin as new as the typed-ipc-processor that wrote"
                + " the manifest", refusal(List.of(m)));
    }

    @Test
    void undefinedReference() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", STRING,
                "{\"kind\": \"array\", \"items\": {\"kind\": \"ref\", \"type\": \"shop.Gone\", \"nullable\": true}, \"nullable\": true}"), "");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json channel shop:get result[] refers to the data type"
                + " shop.Gone, which the manifest does not define", refusal(List.of(m)));
    }

    @Test
    void unionVariantThatIsNotDefined() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", STRING, "{\"kind\": \"ref\", \"type\": \"shop.S\", \"nullable\": true}"),
                "\"shop.S\": {\"kind\": \"union\", \"discriminator\": \"@type\", \"variants\": [{\"tag\": \"C\", \"type\": \"shop.C\"}]}");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json type shop.S has variant C of type shop.C, which the"
                + " manifest does not define", refusal(List.of(m)));
    }

    @Test
    void unionVariantOfAnUnknownForm() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", STRING, "{\"kind\": \"ref\", \"type\": \"shop.S\", \"nullable\": true}"),
                "\"shop.S\": {\"kind\": \"union\", \"discriminator\": \"@type\", \"variants\": [{\"tag\": \"C\", \"type\": \"shop.C\"}]},"
                        + "\"shop.C\": {\"kind\": \"opaque\", \"reason\": \"@JsonValue\"}");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json type shop.S has variant C of type shop.C, which is"
                + " neither an object nor an enum: this generator does not know how such a variant is written; use a"
                + " typed-ipc-maven-plugin as new as the processor", refusal(List.of(m)));
    }

    @Test
    void oneTypeDescribedTwoWays() throws Exception {
        String ref = "{\"kind\": \"ref\", \"type\": \"shop.E\", \"nullable\": true}";
        Manifest one = manifest("a:b:1", channel("shop:get", "get", STRING, ref), "\"shop.E\": {\"kind\": \"enum\", \"values\": [\"A\"]}");
        String json = "{\"format\": 2, \"interface\": \"shop.Other\", \"channels\": [" + channel("other:get", "get", STRING, ref)
                + "], \"types\": {\"shop.E\": {\"kind\": \"enum\", \"values\": [\"A\", \"B\"]}}}";
        Manifest two = new ManifestReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new Manifest.Origin("a:c:2", "META-INF/typed-ipc/shop.Other.json"));
        assertEquals("the data type shop.E is described differently by a:b:1!/META-INF/typed-ipc/shop.Shop.json and"
                + " by a:c:2!/META-INF/typed-ipc/shop.Other.json (two versions of one class?): generate from one of them",
                refusal(List.of(one, two)));
    }

    @Test
    void oneInterfaceDeclaredTwoWays() throws Exception {
        Manifest one = manifest("a:b:1", channel("shop:get", "get", STRING, STRING), "");
        Manifest two = manifest("a:b:2", channel("shop:get", "get", STRING, "{\"kind\": \"boolean\", \"nullable\": false}"), "");
        assertEquals("shop.Shop is declared differently by a:b:1!/META-INF/typed-ipc/shop.Shop.json and by"
                + " a:b:2!/META-INF/typed-ipc/shop.Shop.json: generate from one of them", refusal(List.of(one, two)));
    }

    @Test
    void overloadedMethods() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", STRING, STRING) + ","
                + channel("shop:get-all", "get", STRING, STRING), "");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json channel shop:get-all: shop.Shop has more than one"
                + " method named get, and a TypeScript interface cannot implement overloads: give the Java methods"
                + " different names", refusal(List.of(m)));
    }

    @Test
    void channelWithoutMethodName() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "", STRING, STRING), "");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json channel shop:get has no \"method\" name",
                refusal(List.of(m)));
    }

    @Test
    void shapeMissing() throws Exception {
        Manifest m = manifest("a:b:1", channel("shop:get", "get", STRING, "null"), "");
        assertEquals("a:b:1!/META-INF/typed-ipc/shop.Shop.json channel shop:get result has no schema",
                refusal(List.of(m)));
    }
}
