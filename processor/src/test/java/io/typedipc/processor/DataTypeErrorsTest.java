package io.typedipc.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typedipc.processor.ErrorsTest.assertError;
import static io.typedipc.processor.ErrorsTest.file;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per message of deep data validation, each pinned to its line: at the channel method (with the path to the
 * problem) and, where the member is compiled now, at the member. {@link RejectedTypesFailTest} proves that each
 * rejected type really fails with the runtime's mapper.
 */
class DataTypeErrorsTest {

    /** A channel interface whose method {@code take} has one parameter, declared on line 5. */
    private static JavaFileObject api(String parameter) {
        return file("test.Api",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Api {",
                "    void take(",
                "        " + parameter + ");",
                "}");
    }

    private static long count(Compilation compilation, String text) {
        return compilation.errors().stream().filter(error -> error.getMessage(Locale.ROOT).contains(text)).count();
    }

    // ------------------------------------------------------------------------------------------- paths and members

    @Test
    void functionInsideARecordIsReportedAtTheMethodWithItsPathAndAtTheComponent() {
        JavaFileObject job = file("test.Job",
                "package test;",
                "public record Job(String name,",
                "        Runnable task) {}");
        Compilation compilation = assertError("[TypedIpcNotData] parameter 'job' of take() → `Job.task` has type"
                + " Runnable, which is a function, and code cannot cross a process boundary", api("Job job"), 5, job);
        assertThat(compilation).hadErrorContaining("[TypedIpcNotData] `Job.task` has type Runnable, which is a"
                + " function").inFile(job).onLine(3);
    }

    @Test
    void resourceTwoLevelsDownInsideAListNamesTheWholePath() {
        JavaFileObject outer = file("test.Outer",
                "package test;",
                "public record Outer(java.util.List<Inner> inners) {}");
        JavaFileObject inner = file("test.Inner",
                "package test;",
                "public record Inner(String name,",
                "        java.util.List<java.io.InputStream> streams) {}");
        Compilation compilation = assertError("[TypedIpcNotData] parameter 'outer' of take() → `Outer.inners` →"
                + " `Inner.streams` has type List<InputStream>, which is a live JVM resource", api("Outer outer"), 5,
                outer, inner);
        assertThat(compilation).hadErrorContaining("[TypedIpcNotData] `Inner.streams` has type List<InputStream>")
                .inFile(inner).onLine(3);
    }

    @Test
    void aBadMemberIsReportedOnceAtTheMemberHoweverManyChannelsReachIt() {
        JavaFileObject job = file("test.Job",
                "package test;",
                "public record Job(Runnable task, java.util.List<Job> next) {}");
        JavaFileObject api = file("test.Api",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Api {",
                "    void first(Job job);",
                "    void second(Job job, java.util.List<Job> more);",
                "    Job third();",
                "}");
        Compilation compilation = Compilations.javac().compile(api, job);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("parameter 'job' of first() → `Job.task`").inFile(api).onLine(4);
        assertThat(compilation).hadErrorContaining("parameter 'job' of second() → `Job.task`").inFile(api).onLine(5);
        assertThat(compilation).hadErrorContaining("parameter 'more' of second() → `Job.task`").inFile(api).onLine(5);
        assertThat(compilation).hadErrorContaining("the result of third() → `Job.task`").inFile(api).onLine(6);
        assertWithMessage("errors at the member").that(count(compilation, "] `Job.task` has type")).isEqualTo(1);
        assertWithMessage("errors in all").that(compilation.errors()).hasSize(5);
    }

    @Test
    void aMemberCompiledEarlierIsReportedAtTheMethodOnly() {
        // WeakReference cannot be read back by Jackson, and its source is not part of this compilation.
        JavaFileObject holder = file("test.Holder",
                "package test;",
                "public record Holder(java.lang.ref.WeakReference<String> ref) {}");
        Compilation compilation = assertError("[TypedIpcNotData] parameter 'holder' of take() → `Holder.ref` has type"
                + " WeakReference<String>, which has no constructor Jackson can use", api("Holder holder"), 5, holder);
        assertWithMessage("errors in all").that(compilation.errors()).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------- types Jackson cannot bind

    @Test
    void interfaceThatIsNotSealed() {
        JavaFileObject named = file("test.Named",
                "package test;",
                "public interface Named { String name(); String title(); }");
        assertError("[TypedIpcNotData] parameter 'named' of take() has type Named, which is an interface, so Jackson"
                + " cannot create one to read it back", api("Named named"), 5, named);
    }

    @Test
    void abstractClassInsideARecord() {
        JavaFileObject base = file("test.Base",
                "package test;",
                "public abstract class Base { public String id; }");
        JavaFileObject task = file("test.Task",
                "package test;",
                "public record Task(",
                "        Base base) {}");
        Compilation compilation = assertError("[TypedIpcNotData] parameter 'task' of take() → `Task.base` has type"
                + " Base, which is an abstract class, so Jackson cannot create one", api("Task task"), 5, base, task);
        assertThat(compilation).hadErrorContaining("`Task.base` has type Base, which is an abstract class")
                .inFile(task).onLine(3);
    }

    @Test
    void innerClass() {
        JavaFileObject outer = file("test.Outer",
                "package test;",
                "public class Outer { public class Inner { public String name; } }");
        assertError("[TypedIpcNotData] parameter 'inner' of take() has type Inner, which is an inner class, which"
                + " Jackson cannot create", api("Outer.Inner inner"), 5, outer);
    }

    @Test
    void classWithoutACreator() {
        JavaFileObject money = file("test.Money",
                "package test;",
                "public final class Money {",
                "    private final long cents;",
                "    public Money(long cents) { this.cents = cents; }",
                "    public long getCents() { return cents; }",
                "}");
        assertError("[TypedIpcNotData] parameter 'money' of take() has type Money, which has no constructor Jackson"
                + " can use to read it back", api("Money money"), 5, money);
    }

    @Test
    void classWithoutVisibleProperties() {
        JavaFileObject secret = file("test.Secret",
                "package test;",
                "public final class Secret {",
                "    private String value;",
                "    public Secret() {}",
                "    public Secret(String value) { this.value = value; }",
                "}");
        assertError("[TypedIpcNotData] parameter 'secret' of take() has type Secret, which has no property Jackson"
                + " can see", api("Secret secret"), 5, secret);
    }

    @Test
    void delegatingCreatorWithoutJsonValue() {
        JavaFileObject name = file("test.Name",
                "package test;",
                "import com.fasterxml.jackson.annotation.JsonCreator;",
                "public final class Name {",
                "    private final String text;",
                "    @JsonCreator(mode = JsonCreator.Mode.DELEGATING) public Name(String text) { this.text = text; }",
                "    public String getText() { return text; }",
                "}");
        assertError("[TypedIpcNotData] parameter 'name' of take() has type Name, which has a delegating @JsonCreator"
                + " constructor", api("Name name"), 5, name);
    }

    @Test
    void creatorParameterWithoutJsonProperty() {
        JavaFileObject point = file("test.Point",
                "package test;",
                "import com.fasterxml.jackson.annotation.JsonCreator;",
                "public final class Point {",
                "    private final int x;",
                "    private final int y;",
                "    @JsonCreator public Point(int x, int y) { this.x = x; this.y = y; }",
                "    public int getX() { return x; }",
                "    public int getY() { return y; }",
                "}");
        assertError("[TypedIpcNotData] parameter 'point' of take() has type Point, which has a @JsonCreator"
                + " constructor whose parameter 'x' has no @JsonProperty", api("Point point"), 5, point);
    }

    @Test
    void ownCollectionTypeJacksonCannotCreate() {
        JavaFileObject names = file("test.Names",
                "package test;",
                "public abstract class Names extends java.util.AbstractList<String> {}");
        assertError("[TypedIpcNotData] parameter 'names' of take() has type Names, which is a collection type Jackson"
                + " cannot create", api("Names names"), 5, names);
    }

    @Test
    void mapKeyThatIsARecord() {
        JavaFileObject key = file("test.Key",
                "package test;",
                "public record Key(String a, int b) {}");
        assertError("[TypedIpcNotData] parameter 'byKey' of take() has type Map<Key, String>, which has the key type"
                + " Key, which Jackson cannot read back from a JSON object's key",
                api("java.util.Map<Key, String> byKey"), 5, key);
    }

    // ------------------------------------------------------------------------------------------- sealed hierarchies

    @Test
    void genericSealedType() {
        JavaFileObject result = file("test.Result",
                "package test;",
                "public sealed interface Result<T> permits Result.Ok, Result.Failed {",
                "    record Ok<T>(T value) implements Result<T> {}",
                "    record Failed<T>(String why) implements Result<T> {}",
                "}");
        assertError("[TypedIpcNotData] parameter 'result' of take() has type Result<String>, which is a generic"
                + " sealed type", api("Result<String> result"), 5, result);
    }

    @Test
    void sealedTypeWithANonSealedSubtype() {
        JavaFileObject shape = file("test.Shape",
                "package test;",
                "public sealed interface Shape permits Shape.Circle, Shape.Free {",
                "    record Circle(double r) implements Shape {}",
                "    non-sealed interface Free extends Shape {}",
                "}");
        assertError("[TypedIpcNotData] parameter 'shape' of take() has type Shape, which is a sealed hierarchy that"
                + " permits the non-sealed Free", api("Shape shape"), 5, shape);
    }

    @Test
    void sealedVariantsSharingATag() {
        JavaFileObject shape = file("test.Shape",
                "package test;",
                "import com.fasterxml.jackson.annotation.JsonTypeName;",
                "public sealed interface Shape permits Shape.Circle, Shape.Ring {",
                "    @JsonTypeName(\"round\") record Circle(double r) implements Shape {}",
                "    @JsonTypeName(\"round\") record Ring(double r, double w) implements Shape {}",
                "}");
        assertError("[TypedIpcNotData] parameter 'shape' of take() has type Shape, which is a sealed hierarchy whose"
                + " variants test.Shape.Circle and test.Shape.Ring share the tag \"round\"", api("Shape shape"), 5,
                shape);
    }

    @Test
    void sealedTypeWithAGenericVariant() {
        JavaFileObject box = file("test.Box",
                "package test;",
                "public sealed interface Box permits Box.Of {",
                "    record Of<T>(T value) implements Box {}",
                "}");
        assertError("[TypedIpcNotData] parameter 'box' of take() has type Box, which is a sealed hierarchy with the"
                + " generic variant Of", api("Box box"), 5, box);
    }

    @Test
    void variantOfASealedTypeThatTheGeneratedCodeCannotName() {
        JavaFileObject shape = file("other.Shape",
                "package other;",
                "public sealed interface Shape permits Circle, Hidden {}");
        JavaFileObject circle = file("other.Circle",
                "package other;",
                "public record Circle(double r) implements Shape {}");
        JavaFileObject hidden = file("other.Hidden",
                "package other;",
                "record Hidden(double r) implements Shape {}");
        assertError("[TypedIpcNotAccessible] parameter 'shape' of take() → `Shape` (a tagged union) names Hidden,"
                + " which cannot be named by the generated code in package 'test'", api("other.Shape shape"), 5,
                shape, circle, hidden);
    }
}
