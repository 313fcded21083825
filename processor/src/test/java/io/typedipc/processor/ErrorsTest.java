package io.typedipc.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per error message: each compiles a small source, and pins the tagged error to its file and line. Where
 * the error belongs to an annotation value, the annotation sits on its own line so the pin proves where it points.
 */
class ErrorsTest {

    static JavaFileObject file(String name, String... lines) {
        return JavaFileObjects.forSourceLines(name, lines);
    }

    /**
     * Compiles, and checks the compilation failed with {@code text} at {@code line} of {@code file}, reported once,
     * and that the processor created no file (sender, dispatcher or manifest) for the interfaces of {@code file}.
     * The processor's Filer is watched directly: javac's last round sees no generated types, so looking at the
     * compilation's types afterwards could not tell.
     */
    static Compilation assertError(String text, JavaFileObject file, int line, JavaFileObject... others) {
        JavaFileObject[] all = new JavaFileObject[others.length + 1];
        all[0] = file;
        System.arraycopy(others, 0, all, 1, others.length);
        RecordingProcessor recording = new RecordingProcessor();
        Compilation compilation = Compilations.javac(recording).compile(all);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(text).inFile(file).onLine(line);
        long reported = compilation.errors().stream()
                .filter(error -> error.getMessage(Locale.ROOT).contains(text))
                .count();
        assertWithMessage("times the error \"%s\" was reported", text).that(reported).isEqualTo(1);
        assertNothingCreatedFor(recording, file);
        return compilation;
    }

    /** No file the processor created belongs to an interface declared in {@code file} (or nested in its class). */
    private static void assertNothingCreatedFor(RecordingProcessor recording, JavaFileObject file) {
        String path = file.toUri().getPath().replaceFirst("^/", "");
        String qualifiedName = path.substring(0, path.length() - ".java".length()).replace('/', '.');
        for (RecordingProcessor.Created created : recording.created) {
            String name = created.name().replace('/', '.').replace("META-INF.typed-ipc.", "");
            assertWithMessage("a file created for the broken %s", qualifiedName)
                    .that(name).doesNotMatch(Pattern.quote(qualifiedName) + "([_$A-Z].*|\\..*)?");
        }
    }

    // ------------------------------------------------------------------------------------------------------- ids

    @Test
    void malformedPackageOnInterface() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(",
                "    \"Asset_DB\")",
                "interface Bad { void ping(); }");
        assertError("[TypedIpcBadId] \"Asset_DB\" is not a valid channel package", source, 3);
    }

    @Test
    void malformedFullIdOnInterface() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(",
                "    \"asset-db:Query\")",
                "interface Bad { void ping(); }");
        assertError("[TypedIpcBadId] \"asset-db:Query\" is not a valid channel id", source, 3);
    }

    @Test
    void malformedActionOnMethod() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @io.typedipc.Channel(",
                "        \"query info\")",
                "    void ping();",
                "}");
        assertError("[TypedIpcBadId] \"query info\" is not a valid channel action", source, 5);
    }

    @Test
    void malformedFullIdOnMethod() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "interface Bad {",
                "    @io.typedipc.Channel(",
                "        \"pkg:a:b\")",
                "    void ping();",
                "}");
        assertError("[TypedIpcBadId] \"pkg:a:b\" is not a valid channel id", source, 4);
    }

    @Test
    void methodNameThatMakesNoAction() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    void get$Thing();",
                "}");
        assertError("[TypedIpcBadId] the name of method get$Thing() does not make a valid channel action", source, 4);
    }

    @Test
    void inheritedMethodOfAnInterfaceWithAMalformedId() {
        JavaFileObject base = file("test.Base",
                "package test;",
                "@io.typedipc.Channel(\"BASE\")",
                "interface Base { void ping(); }");
        JavaFileObject sub = file("test.Sub",
                "package test;",
                "@io.typedipc.Channel(\"sub\")",
                "interface Sub extends Base {",
                "}");
        assertError("[TypedIpcBadId] inherited method Base.ping(): the @Channel of Base is not valid", sub, 3, base);
    }

    @Test
    void negativeDeadlineOnInterface() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(value = \"pkg\",",
                "    deadlineMillis = -5)",
                "interface Bad { String ping(); }");
        assertError("[TypedIpcBadDeadline] deadlineMillis is -5; use a positive number of milliseconds, or leave it"
                + " out for the runtime's default", source, 3);
    }

    @Test
    void negativeDeadlineOnMethod() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @io.typedipc.Channel(value = \"ping\",",
                "        deadlineMillis = -1)",
                "    String ping();",
                "}");
        assertError("[TypedIpcBadDeadline] deadlineMillis is -1; use a positive number of milliseconds, or leave it"
                + " out for the interface's or the runtime's default", source, 5);
    }

    @Test
    void deadlineOnOneWayMethod() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @io.typedipc.Channel(value = \"ping\",",
                "        deadlineMillis = 100)",
                "    void ping();",
                "}");
        assertError("[TypedIpcBadDeadline] deadlineMillis is set on the one-way method ping()", source, 5);
    }

    @Test
    void actionWithoutPackage() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "interface Bad {",
                "    @io.typedipc.Channel(",
                "        \"ping\")",
                "    void ping();",
                "}");
        assertError("[TypedIpcMissingPackage] @Channel(\"ping\") gives only an action, and the interface has no"
                + " @Channel package", source, 4);
    }

    @Test
    void methodWithoutIdInInterfaceWithoutPackage() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "interface Bad {",
                "    @io.typedipc.Channel(\"pkg:ping\") void ping();",
                "    void pong();",
                "}");
        assertError("[TypedIpcMissingPackage] method pong() has no channel id", source, 4);
    }

    @Test
    void singleChannelInterfaceWithTwoMethods() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(",
                "    \"tools:format\")",
                "interface Bad {",
                "    String format(String text);",
                "    String parse(String text);",
                "}");
        assertError("[TypedIpcSingleChannel] interface Bad is annotated with the full id \"tools:format\", which"
                + " names a single channel, but it has 2 abstract methods", source, 3);
    }

    @Test
    void singleChannelInterfaceWhoseMethodHasItsOwnId() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"tools:format\")",
                "interface Bad {",
                "    @io.typedipc.Channel(",
                "        \"other\")",
                "    String format(String text);",
                "}");
        assertError("[TypedIpcSingleChannel] method format() has its own @Channel", source, 5);
    }

    @Test
    void duplicateIdInOneInterface() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    void refresh();",
                "    @io.typedipc.Channel(",
                "        \"refresh\")",
                "    void reload();",
                "}");
        assertError("[TypedIpcDuplicateId] channel id \"pkg:refresh\" of reload() is already used by refresh()",
                source, 6);
    }

    @Test
    void duplicateIdAcrossTheCompilation() {
        JavaFileObject first = file("test.First",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface First { void refresh(); }");
        JavaFileObject second = file("test.Second",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Second {",
                "    void refresh();",
                "}");
        assertError("[TypedIpcDuplicateIdInCompilation] channel id \"pkg:refresh\" of refresh() is already used by"
                + " test.First.refresh()", second, 4, first);
    }

    @Test
    void overloadsSharingAnId() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    void open(String path);",
                "    void open(String path, int line);",
                "}");
        assertError("[TypedIpcOverloadSharesId] overloads of open() would share the channel id \"pkg:open\"",
                source, 5);
    }

    // ------------------------------------------------------------------------------------- interfaces and methods

    @Test
    void genericMethod() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    <T> T load(String id);",
                "}");
        assertError("[TypedIpcGenericMethod] method load() has type parameters", source, 4);
    }

    @Test
    void genericInterface() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad<",
                "    T> {",
                "    T load(String id);",
                "}");
        assertError("[TypedIpcGenericInterface] channel interface Bad has type parameters", source, 4);
    }

    @ParameterizedTest
    @CsvSource({
        "class Bad {}, the class",
        "enum Bad { A }, the enum",
        "record Bad(int x) {}, the record",
        "@interface Bad {}, the annotation"
    })
    void channelOnSomethingOtherThanAnInterface(String declaration, String kind) {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(",
                "    \"pkg\")",
                declaration);
        assertError("[TypedIpcNotAnInterface] @Channel is on " + kind + " Bad; channels are declared on interfaces",
                source, 3);
    }

    @Test
    void channelOnMethodOfAClass() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "abstract class Bad {",
                "    @io.typedipc.Channel(",
                "        \"pkg:ping\")",
                "    abstract void ping();",
                "}");
        assertError("[TypedIpcNotAnInterface] @Channel is on method ping() of Bad, which is not an interface",
                source, 4);
    }

    @Test
    void privateInterface() {
        JavaFileObject source = file("test.Outer",
                "package test;",
                "class Outer {",
                "    @io.typedipc.Channel(",
                "        \"pkg\")",
                "    private interface Hidden { void ping(); }",
                "}");
        assertError("[TypedIpcNotAccessible] channel interface Hidden is private", source, 4);
    }

    @Test
    void interfaceNestedInAPrivateClass() {
        JavaFileObject source = file("test.Outer",
                "package test;",
                "class Outer {",
                "    private static class Inner {",
                "        @io.typedipc.Channel(",
                "            \"pkg\")",
                "        interface Hidden { void ping(); }",
                "    }",
                "}");
        assertError("[TypedIpcNotAccessible] channel interface Hidden is private (or nested in a private class)",
                source, 5);
    }

    @Test
    void dataTypeTheGeneratedCodeCannotName() {
        JavaFileObject data = file("other.Holder",
                "package other;",
                "public class Holder {",
                "    static class Secret {}",
                "    public interface Api { void ping(Secret secret); }",
                "}");
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad extends other.Holder.Api {",
                "}");
        assertError("[TypedIpcNotAccessible] inherited method Api.ping(): parameter 'secret' of ping() has type"
                + " Secret, which cannot be named by the generated code in package 'test'", source, 3, data);
    }

    @ParameterizedTest
    @CsvSource({"default void ping() {}, default", "static void ping() {}, static", "private void ping() {}, private"})
    void channelOnConcreteMethod(String declaration, String modifier) {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @io.typedipc.Channel(",
                "        \"ping\")",
                "    " + declaration,
                "}");
        assertError("[TypedIpcConcreteMethod] @Channel is on the " + modifier + " method ping()", source, 5);
    }

    @Test
    void methodNamedLikeTheGeneratedWithDeadline() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    String withDeadline(java.time.Duration deadline);",
                "}");
        assertError("[TypedIpcReservedName] withDeadline(Duration) is generated on every sender", source, 4);
    }

    // ---------------------------------------------------------------------------------------------------- data

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Runnable task | is a function, and code cannot cross a process boundary",
        "java.util.function.Supplier<String> task | is a function",
        "java.util.stream.Stream<String> items | is a one-shot sequence",
        "java.util.Iterator<String> items | is a one-shot sequence",
        "Thread thread | is a live JVM resource",
        "java.io.InputStream in | is a live JVM resource",
        "Class<?> type | is a Class, which the receiver would have to load by reflection",
        "Object value | is Object, which says nothing about what is sent",
        "java.util.List<?> values | is the wildcard ?, which means Object",
        "java.util.List<java.util.concurrent.Future<String>> values | is a future inside data",
        "Runnable[] tasks | is a function",
        "java.util.List<Runnable>[] tasks | is a function",
        "java.util.concurrent.Callable<String> task | is a function",
        "java.util.Comparator<String> order | is a function",
        "java.util.Enumeration<String> items | is a one-shot sequence",
        "ClassLoader loader | is a live JVM resource",
        "java.io.Writer out | is a live JVM resource",
        "AutoCloseable resource | is a live JVM resource",
        "java.util.concurrent.Executor executor | is a live JVM resource",
        "java.net.Socket socket | is a live JVM resource",
    })
    void parameterThatCannotBeData(String parameter, String reason) {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    void take(",
                "        " + parameter + ");",
                "}");
        String name = parameter.substring(parameter.lastIndexOf(' ') + 1);
        assertError("[TypedIpcNotData] parameter '" + name + "' of take() has type", source, 5);
        assertError(reason, source, 5);
    }

    @Test
    void userFunctionalInterfaceAsResult() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @FunctionalInterface interface Callback { void call(); }",
                "    Callback callback();",
                "}");
        assertError("[TypedIpcNotData] the result of callback() has type Callback, which is a function", source, 5);
    }

    @Test
    void rawParameterType() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @SuppressWarnings(\"rawtypes\")",
                "    void take(",
                "        java.util.List values);",
                "}");
        assertError("[TypedIpcRawType] parameter 'values' of take() has type List, which is the raw type List",
                source, 6);
    }

    @Test
    void rawFuture() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    @SuppressWarnings(\"rawtypes\")",
                "    java.util.concurrent.CompletableFuture load();",
                "}");
        assertError("[TypedIpcRawType] method load() returns a raw CompletableFuture", source, 5);
    }

    @Test
    void futureOtherThanCompletableFutureOrCompletionStage() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    java.util.concurrent.Future<String> load();",
                "}");
        assertError("[TypedIpcBadFuture] method load() returns Future<String>, but an asynchronous channel method"
                + " returns CompletableFuture<T> or CompletionStage<T>", source, 4);
    }

    @Test
    void subclassOfCompletableFuture() {
        JavaFileObject future = file("test.Later",
                "package test;",
                "class Later<T> extends java.util.concurrent.CompletableFuture<T> {}");
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    Later<String> load();",
                "}");
        assertError("[TypedIpcBadFuture] method load() returns Later<String>, but an asynchronous channel method"
                + " returns CompletableFuture<T> or CompletionStage<T>", source, 4, future);
    }

    // ----------------------------------------------------------------------------------------------- exceptions

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Exception | is too broad to carry",
        "Throwable | is too broad to carry",
        "test.Errors.Abstract | is abstract",
        "test.Errors.NoConstructor | cannot be rebuilt on the caller's side: it needs a public constructor taking"
                + " the message, such as 'public NoConstructor(String message) { super(message); }'",
        "test.Errors.Inner | is an inner class",
        "test.Errors.NotException | extends Throwable but not Exception",
        "other.Hidden.Secret | cannot be named by the generated code in package 'test'",
    })
    void declaredExceptionThatCannotBeCarried(String exception, String reason) {
        JavaFileObject errors = file("test.Errors",
                "package test;",
                "class Errors {",
                "    abstract static class Abstract extends Exception {",
                "        private static final long serialVersionUID = 1L;",
                "        Abstract(String message) { super(message); }",
                "    }",
                "    static class NoConstructor extends Exception {",
                "        private static final long serialVersionUID = 1L;",
                "        NoConstructor(int code) { super(String.valueOf(code)); }",
                "    }",
                "    class Inner extends Exception {",
                "        private static final long serialVersionUID = 1L;",
                "        Inner(String message) { super(message); }",
                "    }",
                "    static class NotException extends Throwable {",
                "        private static final long serialVersionUID = 1L;",
                "        NotException(String message) { super(message); }",
                "    }",
                "}");
        JavaFileObject hidden = file("other.Hidden",
                "package other;",
                "public class Hidden {",
                "    static class Secret extends Exception {",
                "        private static final long serialVersionUID = 1L;",
                "        public Secret(String message) { super(message); }",
                "    }",
                "    public interface Api { String load() throws Secret; }",
                "}");
        boolean inherited = exception.startsWith("other.");
        JavaFileObject source = inherited
                ? file("test.Bad",
                        "package test;",
                        "@io.typedipc.Channel(\"pkg\")",
                        "interface Bad extends other.Hidden.Api {",
                        "}")
                : file("test.Bad",
                        "package test;",
                        "@io.typedipc.Channel(\"pkg\")",
                        "interface Bad {",
                        "    String load() throws " + exception + ";",
                        "}");
        String simple = exception.substring(exception.lastIndexOf('.') + 1);
        assertError("[TypedIpcBadException] " + (inherited ? "inherited method Api.load(): " : "")
                + "declared exception " + simple + " of load() " + reason, source, inherited ? 3 : 4, errors, hidden);
    }

    @Test
    void oneWayMethodThatThrowsACheckedException() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    void save(String path) throws java.io.IOException;",
                "}");
        assertError("[TypedIpcOneWayThrows] one-way method save() declares IOException, but nothing comes back",
                source, 4);
    }

    // -------------------------------------------------------------------------------------------- the processor

    @Test
    void typeThatNoProcessorGenerates() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    void take(NeverGenerated value);",
                "}");
        assertError("[TypedIpcUnresolvedType] channel interface Bad uses NeverGenerated, which does not exist",
                source, 3);
    }

    @Test
    void generatedNameTakenByAnotherClass() {
        JavaFileObject taken = file("test.ApiSender",
                "package test;",
                "class ApiSender {}");
        JavaFileObject source = file("test.Api",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Api {",
                "    void ping();",
                "}");
        assertError("[TypedIpcCannotWrite] could not write the generated files for Api", source, 3, taken);
    }

    @Test
    void aFailureInsideTheProcessorIsATaggedErrorNotACrash() {
        JavaFileObject source = file("test.Api",
                "package test;",
                "@io.typedipc.Channel(\"api\")",
                "interface Api {",
                "    void ping();",
                "}");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new FailingFilerProcessor())
                .compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[TypedIpcInternalError] the Typed IPC processor failed on Api")
                .inFile(source).onLine(3);
        assertThat(compilation).hadErrorContaining("the file system is gone");
    }

    @Test
    void everyErrorIsReportedAndNothingIsGenerated() {
        JavaFileObject source = file("test.Bad",
                "package test;",
                "@io.typedipc.Channel(\"pkg\")",
                "interface Bad {",
                "    <T> T load(String id);",
                "    void run(Runnable task);",
                "    java.util.concurrent.Future<String> later();",
                "    void fine(String text);",
                "}");
        RecordingProcessor recording = new RecordingProcessor();
        Compilation compilation = Compilations.javac(recording).compile(source);
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("[TypedIpcGenericMethod]").inFile(source).onLine(4);
        assertThat(compilation).hadErrorContaining("[TypedIpcNotData]").inFile(source).onLine(5);
        assertThat(compilation).hadErrorContaining("[TypedIpcBadFuture]").inFile(source).onLine(6);
        assertWithMessage("files the processor created").that(recording.created).isEmpty();
    }
}
