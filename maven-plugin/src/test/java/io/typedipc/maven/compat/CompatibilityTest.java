package io.typedipc.maven.compat;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.maven.compat.Finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proof of docs/maven-plugin.md's table "What breaking means": for each kind of change, an old and a new version
 * of a channel interface are compiled with the real processor, loaded in class loaders of their own, and connected
 * over the runtime's TCP transport, an old sender against a new receiver and a new sender against an old receiver
 * (typed, and untyped where an Electron-style peer could differ). Each test then checks that the comparator, run on
 * the manifests the processor wrote for the two versions, gives the verdict the exchanges showed.
 */
class CompatibilityTest {

    private static final String GET = "String get(String id);";
    private static final String GET_IMPL =
            "public String get(String id) { received.add(\"get(\" + id + \")\"); return \"item-\" + id; }";
    private static final String CALL_GET = "return shop.get(\"a\");";

    private static ApiVersion version(String label, String api, String impl, String call) {
        return ApiVersion.compile(label, "shop", api, impl, call);
    }

    private static final ApiVersion GET_V1 = version("1", GET, GET_IMPL, CALL_GET);

    /** The comparator's findings from {@code a} to {@code b}, checked to hold exactly one matching {@code change}. */
    private static Finding verdict(ApiVersion a, ApiVersion b, String change, Severity expected) {
        Comparison comparison = new ContractComparator().compare(a.channels(), b.channels());
        List<Finding> matching = comparison.findings().stream().filter(f -> f.change().contains(change)).toList();
        assertEquals(1, matching.size(), change + " in " + comparison.findings());
        Finding finding = matching.get(0);
        assertEquals(expected, finding.severity(), finding.toString());
        assertEquals(expected == Severity.BREAKING, comparison.isBreaking(), comparison.findings().toString());
        return finding;
    }

    @Test
    void channelRemoved() throws Exception {
        ApiVersion v2 = version("2", "String other(String id);",
                "public String other(String id) { received.add(\"other\"); return \"x\"; }", "return shop.other(\"a\");");
        Exchange.Outcome oldToNew = Exchange.typed(GET_V1, v2);
        assertEquals("failed with NoSuchChannelException: no handler for channel 'shop:get'", oldToNew.sender());
        assertEquals(List.of(), oldToNew.received());
        verdict(GET_V1, v2, "channel removed", Severity.BREAKING);
    }

    @Test
    void channelAdded() throws Exception {
        ApiVersion v2 = version("2", GET + " String other(String id);", GET_IMPL
                + " public String other(String id) { received.add(\"other\"); return \"x\"; }", "return shop.other(\"a\");");
        assertEquals("returned item-a", Exchange.typed(GET_V1, v2).sender());
        assertEquals("failed with NoSuchChannelException: no handler for channel 'shop:other'",
                Exchange.typed(v2, GET_V1).sender());
        verdict(GET_V1, v2, "channel added", Severity.COMPATIBLE);
    }

    @Test
    void requestBecomesOneWayAndBack() throws Exception {
        ApiVersion oneWay = version("2", "void get(String id);",
                "public void get(String id) { received.add(\"get(\" + id + \")\"); }", "shop.get(\"a\"); return \"sent\";");
        Exchange.Outcome requestToOneWay = Exchange.typed(GET_V1, oneWay);
        assertEquals("failed with RemoteException: shop:get: no listener set a return value (IpcEvent.setReturnValue)",
                requestToOneWay.sender());
        assertEquals(List.of("get(a)"), requestToOneWay.received());
        Exchange.Outcome oneWayToRequest = Exchange.typed(oneWay, GET_V1);
        assertEquals("returned sent", oneWayToRequest.sender());
        assertEquals(List.of(), oneWayToRequest.received());
        verdict(GET_V1, oneWay, "changed from a request to one-way", Severity.BREAKING);
        verdict(oneWay, GET_V1, "changed from one-way to a request", Severity.BREAKING);
    }

    @Test
    void blockingBecomesAsync() throws Exception {
        ApiVersion async = version("2", "CompletableFuture<String> get(String id);",
                "public CompletableFuture<String> get(String id) { received.add(\"get(\" + id + \")\");"
                        + " return CompletableFuture.completedFuture(\"item-\" + id); }",
                "return shop.get(\"a\").get(10, TimeUnit.SECONDS);");
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(GET_V1, async).toString());
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(async, GET_V1).toString());
        verdict(GET_V1, async, "changed from BLOCKING to ASYNC", Severity.COMPATIBLE);
    }

    private static final ApiVersion GET_WITH_COUNT = version("2", "String get(String id, int count);",
            "public String get(String id, int count) { received.add(\"get(\" + id + \", \" + count + \")\");"
                    + " return \"item-\" + id; }",
            "return shop.get(\"a\", 3);");

    @Test
    void parameterAddedOrRemoved() throws Exception {
        assertEquals("sender failed with RemoteException: shop:get[id, count] takes 2 argument(s), got 1;"
                + " receiver got nothing", Exchange.typed(GET_V1, GET_WITH_COUNT).toString());
        assertEquals("sender failed with RemoteException: shop:get[id] takes 1 argument(s), got 2;"
                + " receiver got nothing", Exchange.typed(GET_WITH_COUNT, GET_V1).toString());
        // An untyped peer written against version 1 (a JavaScript panel, say) fails the same way.
        assertEquals("sender failed with RemoteException: shop:get[id, count] takes 2 argument(s), got 1;"
                + " receiver got nothing", Exchange.untyped(GET_WITH_COUNT,
                        r -> String.valueOf(r.invoke("shop:get", "a").get(10, SECONDS))).toString());
        verdict(GET_V1, GET_WITH_COUNT, "parameter \"count\" added", Severity.BREAKING);
        verdict(GET_WITH_COUNT, GET_V1, "parameter \"count\" removed", Severity.BREAKING);
    }

    @Test
    void parameterAddedToAOneWayChannel() throws Exception {
        ApiVersion v1 = version("1", "void log(String line);",
                "public void log(String line) { received.add(line); }", "shop.log(\"a\"); return \"sent\";");
        ApiVersion v2 = version("2", "void log(String line, int level);",
                "public void log(String line, int level) { received.add(line + level); }",
                "shop.log(\"a\", 1); return \"sent\";");
        assertEquals("sender returned sent; receiver got nothing", Exchange.typed(v1, v2).toString());
        assertEquals("sender returned sent; receiver got nothing", Exchange.typed(v2, v1).toString());
        verdict(v1, v2, "parameter \"level\" added", Severity.BREAKING);
    }

    @Test
    void parametersReordered() throws Exception {
        String impl = "received.add(\"id=\" + id + \" name=\" + name); return \"ok\"; }";
        ApiVersion v1 = version("1", "String get(String id, String name);",
                "public String get(String id, String name) { " + impl, "return shop.get(\"a\", \"b\");");
        ApiVersion v2 = version("2", "String get(String name, String id);",
                "public String get(String name, String id) { " + impl, "return shop.get(\"b\", \"a\");");
        assertEquals("sender returned ok; receiver got [id=a name=b]", Exchange.typed(v1, v1).toString());
        assertEquals("sender returned ok; receiver got [id=b name=a]", Exchange.typed(v1, v2).toString());
        assertEquals("sender returned ok; receiver got [id=b name=a]", Exchange.typed(v2, v1).toString());
        verdict(v1, v2, "parameters reordered from [id, name] to [name, id]", Severity.BREAKING);
    }

    @Test
    void parameterRenamed() throws Exception {
        ApiVersion v2 = version("2", "String get(String uuid);",
                "public String get(String uuid) { received.add(\"get(\" + uuid + \")\"); return \"item-\" + uuid; }",
                CALL_GET);
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(GET_V1, v2).toString());
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(v2, GET_V1).toString());
        verdict(GET_V1, v2, "parameter 1 renamed from \"id\" to \"uuid\"", Severity.COMPATIBLE);
    }

    @Test
    void parameterRetyped() throws Exception {
        ApiVersion v2 = version("2", "String get(int id);",
                "public String get(int id) { received.add(\"get(\" + id + \")\"); return \"item-\" + id; }",
                "return shop.get(5);");
        Exchange.Outcome oldToNew = Exchange.typed(GET_V1, v2);
        assertTrue(oldToNew.sender().startsWith("failed with RemoteException: arguments do not fit shop:get[id]:"
                + " Cannot coerce String value (\"a\") to `int` value"), oldToNew.toString());
        Exchange.Outcome newToOld = Exchange.typed(v2, GET_V1);
        // A number for a String parameter: the runtime's default mapper has no scalar coercion (docs/maven-plugin.md).
        assertTrue(newToOld.sender().startsWith("failed with RemoteException: arguments do not fit shop:get[id]"),
                newToOld.toString());
        verdict(GET_V1, v2, "parameter \"id\" retyped from java.lang.String to int", Severity.BREAKING);
    }

    @Test
    void parameterWidened() throws Exception {
        ApiVersion v1 = version("1", "String get(int n);",
                "public String get(int n) { received.add(\"get(\" + n + \")\"); return \"ok\"; }", "return shop.get(5);");
        ApiVersion v2 = version("2", "String get(long n);",
                "public String get(long n) { received.add(\"get(\" + n + \")\"); return \"ok\"; }",
                "return shop.get(1L << 40);");
        assertEquals("sender returned ok; receiver got [get(5)]", Exchange.typed(v1, v2).toString());
        Exchange.Outcome newToOld = Exchange.typed(v2, v1);
        assertTrue(newToOld.sender().startsWith("failed with RemoteException: arguments do not fit shop:get[n]"),
                newToOld.toString());
        assertTrue(newToOld.sender().contains("out of range of `int`"), newToOld.toString());
        verdict(v1, v2, "parameter \"n\" retyped from int to long", Severity.BREAKING);
    }

    @Test
    void resultRetyped() throws Exception {
        ApiVersion v2 = version("2", "int get(String id);",
                "public int get(String id) { received.add(\"get(\" + id + \")\"); return 7; }",
                "return String.valueOf(shop.get(\"a\"));");
        Exchange.Outcome newToOld = Exchange.typed(v2, GET_V1);
        assertTrue(newToOld.sender().startsWith("failed with IpcException: shop:get: the reply does not fit the result"
                + " type: Cannot coerce String value (\"item-a\") to `int` value"), newToOld.toString());
        assertEquals(List.of("get(a)"), newToOld.received());
        Exchange.Outcome oldToNew = Exchange.typed(GET_V1, v2);
        // A number for a String result: refused, as for parameters (no scalar coercion).
        assertTrue(oldToNew.sender().startsWith("failed with IpcException"), oldToNew.toString());
        verdict(GET_V1, v2, "result retyped from java.lang.String to int", Severity.BREAKING);
    }

    @Test
    void declaredExceptionAddedOrRemoved() throws Exception {
        ApiVersion v2 = version("2", "class Gone extends Exception { public Gone(String m) { super(m); } }"
                        + " String get(String id) throws Gone;",
                "public String get(String id) throws Gone { received.add(\"get(\" + id + \")\"); throw new Gone(\"gone \" + id); }",
                "try { return shop.get(\"a\"); } catch (Gone e) { return \"caught Gone: \" + e.getMessage(); }");
        assertEquals("sender returned caught Gone: gone a; receiver got [get(a)]", Exchange.typed(v2, v2).toString());
        assertEquals("sender failed with RemoteException: shop.Shop$Gone: gone a; receiver got [get(a)]",
                Exchange.typed(GET_V1, v2).toString());
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(v2, GET_V1).toString());
        verdict(GET_V1, v2, "declared exception shop.Shop$Gone added", Severity.BREAKING);
        verdict(v2, GET_V1, "declared exception shop.Shop$Gone removed", Severity.COMPATIBLE);
    }

    private static ApiVersion item(String label, String components, String value) {
        return version(label, "record Item(" + components + ") {} Item get(Item item);",
                "public Item get(Item item) { received.add(String.valueOf(item)); return item; }",
                "return String.valueOf(shop.get(new Item(" + value + ")));");
    }

    @Test
    void recordPropertyAddedOrRemoved() throws Exception {
        ApiVersion v1 = item("1", "String id", "\"a\"");
        ApiVersion v2 = item("2", "String id, String note", "\"a\", \"n\"");
        assertEquals("sender returned Item[id=a]; receiver got [Item[id=a, note=null]]", Exchange.typed(v1, v2).toString());
        assertEquals("sender returned Item[id=a, note=null]; receiver got [Item[id=a]]", Exchange.typed(v2, v1).toString());
        // An untyped peer sending the version-1 object.
        assertEquals("sender returned {id=a, note=null}; receiver got [Item[id=a, note=null]]", Exchange.untyped(v2,
                r -> String.valueOf(r.invoke("shop:get", Map.of("id", "a")).get(10, SECONDS))).toString());
        verdict(v1, v2, "property \"note\" added", Severity.COMPATIBLE);
        verdict(v2, v1, "property \"note\" removed", Severity.COMPATIBLE);
    }

    @Test
    void recordPrimitivePropertyAddedOrRemoved() throws Exception {
        ApiVersion v1 = item("1", "String id", "\"a\"");
        ApiVersion v2 = item("2", "String id, int count", "\"a\", 3");
        assertEquals("sender returned Item[id=a]; receiver got [Item[id=a, count=0]]", Exchange.typed(v1, v2).toString());
        assertEquals("sender returned Item[id=a, count=0]; receiver got [Item[id=a]]", Exchange.typed(v2, v1).toString());
        verdict(v1, v2, "property \"count\" added", Severity.BREAKING);
        verdict(v2, v1, "property \"count\" removed", Severity.BREAKING);
    }

    @Test
    void requiredRecordPropertyAdded() throws Exception {
        ApiVersion v1 = item("1", "String id", "\"a\"");
        ApiVersion v2 = item("2", "String id, @com.fasterxml.jackson.annotation.JsonProperty(required = true) String note",
                "\"a\", \"n\"");
        Exchange.Outcome oldToNew = Exchange.typed(v1, v2);
        assertTrue(oldToNew.sender().startsWith("failed with RemoteException: arguments do not fit shop:get[item]:"
                + " Missing required creator property 'note'"), oldToNew.toString());
        assertEquals(List.of(), oldToNew.received());
        // The old receiver ignores the note; the item it sends back lacks it, which the new caller cannot read.
        Exchange.Outcome newToOld = Exchange.typed(v2, v1);
        assertEquals(List.of("Item[id=a]"), newToOld.received());
        assertTrue(newToOld.sender().startsWith("failed with IpcException: shop:get: the reply does not fit the result"
                + " type: Missing required creator property 'note'"), newToOld.toString());
        verdict(v1, v2, "property \"note\" added", Severity.BREAKING);
    }

    @Test
    void enumConstantAddedOrRemoved() throws Exception {
        ApiVersion v1 = version("1", "enum Color { RED, GREEN } Color get(Color c);",
                "public Color get(Color c) { received.add(String.valueOf(c)); return Color.GREEN; }",
                "return String.valueOf(shop.get(Color.RED));");
        ApiVersion v2 = version("2", "enum Color { RED, GREEN, BLUE } Color get(Color c);",
                "public Color get(Color c) { received.add(String.valueOf(c)); return Color.BLUE; }",
                "return String.valueOf(shop.get(Color.BLUE));");
        Exchange.Outcome oldToNew = Exchange.typed(v1, v2);
        assertTrue(oldToNew.sender().startsWith("failed with IpcException: shop:get: the reply does not fit the result"
                + " type: Cannot deserialize value of type `shop.Shop$Color` from String \"BLUE\""), oldToNew.toString());
        assertEquals(List.of("RED"), oldToNew.received());
        Exchange.Outcome newToOld = Exchange.typed(v2, v1);
        assertTrue(newToOld.sender().startsWith("failed with RemoteException: arguments do not fit shop:get[c]: Cannot"
                + " deserialize value of type `shop.Shop$Color` from String \"BLUE\""), newToOld.toString());
        assertEquals(List.of(), newToOld.received());
        Exchange.Outcome untyped = Exchange.untyped(v1, r -> String.valueOf(r.invoke("shop:get", "BLUE").get(10, SECONDS)));
        assertTrue(untyped.sender().startsWith("failed with RemoteException: arguments do not fit shop:get[c]"),
                untyped.toString());
        verdict(v1, v2, "constant BLUE added", Severity.BREAKING);
        verdict(v2, v1, "constant BLUE removed", Severity.BREAKING);
    }

    @Test
    void deadlineChanged() throws Exception {
        String impl = "public String get(String id) { received.add(\"get(\" + id + \")\");"
                + " try { Thread.sleep(300); } catch (InterruptedException e) { throw new IllegalStateException(e); }"
                + " return \"item-\" + id; }";
        ApiVersion v1 = version("1", "@Channel(value = \"get\", deadlineMillis = 10000) String get(String id);", impl, CALL_GET);
        ApiVersion v2 = version("2", "@Channel(value = \"get\", deadlineMillis = 100) String get(String id);", impl, CALL_GET);
        // Each sender waits as long as its own version says, whoever receives.
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(v1, v2).toString());
        Exchange.Outcome newToOld = Exchange.typed(v2, v1);
        assertTrue(newToOld.sender().startsWith("failed with IpcTimeoutException"), newToOld.toString());
        assertTrue(Exchange.typed(v2, v2).sender().startsWith("failed with IpcTimeoutException"));
        verdict(v1, v2, "deadline changed from 10000 ms to 100 ms", Severity.COMPATIBLE);
    }

    @Test
    void interfaceMovedToAnotherPackage() throws Exception {
        ApiVersion v2 = ApiVersion.compile("2", "store", GET, GET_IMPL, CALL_GET);
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(GET_V1, v2).toString());
        assertEquals("sender returned item-a; receiver got [get(a)]", Exchange.typed(v2, GET_V1).toString());
        verdict(GET_V1, v2, "declared by store.Shop instead of shop.Shop", Severity.COMPATIBLE);
    }

    @Test
    void sameVersionHasNoFindings() {
        assertFalse(new ContractComparator().compare(GET_V1.channels(), GET_V1.channels()).isBreaking());
        assertEquals(List.of(), new ContractComparator().compare(GET_V1.channels(), GET_V1.channels()).findings());
    }
}
