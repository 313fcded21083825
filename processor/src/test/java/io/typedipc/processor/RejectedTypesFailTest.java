package io.typedipc.processor;

import static io.typedipc.processor.Compilations.compileCleanly;
import static io.typedipc.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.codegen.TaggedUnion;
import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other half of every rule in {@link DataTypeErrorsTest}: each type the processor rejects really fails with the
 * runtime's own mapper (Jackson 3, no default typing) — it cannot be written, cannot be read back, or reads back as
 * something else. The types are compiled as users write them (without {@code -parameters}).
 */
class RejectedTypesFailTest {

    private static final String SOURCE = """
            package bad;

            import com.fasterxml.jackson.annotation.JsonCreator;
            import java.util.List;

            public final class Bad {
                private Bad() {}

                public interface Named { String name(); String title(); }
                public record NamedValue(String name, String title) implements Named {}
                public abstract static class Base { public String id; }
                public static final class Derived extends Base {}
                public record Task(Base base) {}
                public static class Outer { public class Inner { public String name = "n"; } }
                public static final class Money {
                    private final long cents;
                    public Money(long cents) { this.cents = cents; }
                    public long getCents() { return cents; }
                }
                public static final class Secret {
                    private String value;
                    public Secret() {}
                    public Secret(String value) { this.value = value; }
                    @Override public boolean equals(Object o) {
                        return o instanceof Secret s && java.util.Objects.equals(s.value, value);
                    }
                    @Override public int hashCode() { return java.util.Objects.hashCode(value); }
                }
                public static final class Name {
                    private final String text;
                    @JsonCreator(mode = JsonCreator.Mode.DELEGATING) public Name(String text) { this.text = text; }
                    public String getText() { return text; }
                }
                public static final class Point {
                    private final int x;
                    private final int y;
                    @JsonCreator public Point(int x, int y) { this.x = x; this.y = y; }
                    public int getX() { return x; }
                    public int getY() { return y; }
                }
                public abstract static class Names extends java.util.AbstractList<String> {}
                public static final class TwoNames extends Names {
                    @Override public String get(int i) { return i == 0 ? "a" : "b"; }
                    @Override public int size() { return 2; }
                }
                public record Key(String a, int b) {}
                public record Job(String name, Runnable task) {}
                public record Streams(List<java.io.InputStream> streams) {}
                public sealed interface Shape permits Circle, Free {}
                public record Circle(double r) implements Shape {}
                public non-sealed interface Free extends Shape {}
                public record Holder(java.lang.ref.WeakReference<String> ref) {}
            }
            """;

    private static ClassLoader loader;
    private static final JsonMapper MAPPER = IpcSettings.defaultMapper();

    @BeforeAll
    static void compile() {
        Compilation compilation = compileCleanly(source("bad.Bad", SOURCE));
        loader = Compilations.loader(compilation);
    }

    private static Class<?> type(String simpleName) throws ClassNotFoundException {
        return loader.loadClass("bad.Bad$" + simpleName);
    }

    private static Object create(String simpleName, Object... args) throws Exception {
        for (Constructor<?> constructor : type(simpleName).getDeclaredConstructors()) {
            if (constructor.getParameterCount() == args.length) {
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            }
        }
        throw new AssertionError("no constructor of " + simpleName + " takes " + args.length);
    }

    /** Writes {@code value} as {@code type} and reads it back: one of the two must fail. */
    private static void assertDoesNotRoundTrip(Object value, JavaType type) {
        String json;
        try {
            json = MAPPER.writerFor(type).writeValueAsString(value);
        } catch (JacksonException cannotWrite) {
            return;
        }
        assertThrows(JacksonException.class, () -> MAPPER.readerFor(type).readValue(json), "read back " + json);
    }

    private static void assertDoesNotRoundTrip(Object value, Class<?> type) {
        assertDoesNotRoundTrip(value, MAPPER.constructType(type));
    }

    private static void assertCannotBeRead(String json, Class<?> type) {
        assertThrows(JacksonException.class, () -> MAPPER.readerFor(type).readValue(json));
    }

    @Test
    void aPlainInterfaceCannotBeReadBack() throws Exception {
        assertDoesNotRoundTrip(create("NamedValue", "n", "t"), type("Named"));
    }

    @Test
    void anAbstractClassInsideARecordCannotBeReadBack() throws Exception {
        assertDoesNotRoundTrip(create("Task", create("Derived")), type("Task"));
    }

    @Test
    void anInnerClassCannotBeReadBack() throws Exception {
        Object outer = create("Outer");
        Object inner = create("Outer$Inner", outer);
        assertDoesNotRoundTrip(inner, inner.getClass());
    }

    @Test
    void aClassWithoutACreatorCannotBeReadBack() throws Exception {
        assertCannotBeRead("{\"cents\":5}", type("Money"));
        assertDoesNotRoundTrip(create("Money", 5L), type("Money"));
    }

    @Test
    void aClassWithoutVisiblePropertiesLosesItsFields() throws Exception {
        Object secret = create("Secret", "s3cr3t");
        String json = MAPPER.writeValueAsString(secret);
        assertEquals("{}", json);
        assertNotEquals(secret, MAPPER.readValue(json, type("Secret")));
    }

    @Test
    void aDelegatingCreatorDoesNotReadWhatIsWritten() throws Exception {
        assertCannotBeRead(MAPPER.writeValueAsString(create("Name", "ann")), type("Name"));
    }

    @Test
    void aCreatorWithoutPropertyNamesCannotReadAnObject() throws Exception {
        assertCannotBeRead(MAPPER.writeValueAsString(create("Point", 1, 2)), type("Point"));
    }

    @Test
    void anAbstractCollectionTypeCannotBeReadBack() throws Exception {
        assertCannotBeRead("[\"a\",\"b\"]", type("Names"));
        assertDoesNotRoundTrip(create("TwoNames"), type("Names"));
    }

    @Test
    void aRecordAsAMapKeyCannotBeReadBack() throws Exception {
        Object key = create("Key", "a", 1);
        JavaType map = MAPPER.getTypeFactory().constructMapType(Map.class, type("Key"), String.class);
        assertDoesNotRoundTrip(Map.of(key, "v"), map);
    }

    @Test
    void functionsAndStreamsInsideRecordsCannotBeReadBack() throws Exception {
        Runnable task = () -> {};
        assertDoesNotRoundTrip(create("Job", "j", task), type("Job"));
        assertDoesNotRoundTrip(create("Streams", List.of(new ByteArrayInputStream(new byte[] {1}))), type("Streams"));
    }

    @Test
    void aSealedTypeWithANonSealedBranchIsAnAbstractTypeToJackson() throws Exception {
        assertDoesNotRoundTrip(create("Circle", 1.0), type("Shape"));
    }

    @Test
    void aTaggedUnionCannotGiveOneTagToTwoVariants() throws Exception {
        Class<?> shape = type("Shape");
        TaggedUnion.Builder union = TaggedUnion.builder(shape, "@type").variant("round", type("Circle"));
        Class<?> other = type("Free");
        assertThrows(IllegalArgumentException.class, () -> union.variant("round", other));
    }

    @Test
    void aWeakReferenceCannotBeReadBack() throws Exception {
        assertDoesNotRoundTrip(create("Holder", new WeakReference<>("x")), type("Holder"));
    }
}
