package io.typedipc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typedipc.processor.Compilations.compileCleanly;
import static io.typedipc.processor.Compilations.generatedSource;
import static io.typedipc.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Properties of the generated code as a whole: golden text, no reflection, lint-clean, incremental-build ready. */
class GeneratedCodeTest {

    static final JavaFileObject ASSET_INFO = source("assets.AssetInfo", """
            package assets;

            public record AssetInfo(String uuid, String url, long size) {}
            """);
    static final JavaFileObject ASSET_EXISTS = source("assets.AssetExistsException", """
            package assets;

            public class AssetExistsException extends Exception {
                private static final long serialVersionUID = 1L;

                public AssetExistsException(String message) {
                    super(message);
                }
            }
            """);
    static final JavaFileObject ASSET_DB = source("assets.AssetDb", """
            package assets;

            import io.typedipc.Channel;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;

            @Channel(value = "asset-db", deadlineMillis = 5000)
            public interface AssetDb {
                @Channel("query-info") AssetInfo queryInfo(String uuid);
                CompletableFuture<Map<String, List<AssetInfo>>> queryAssets(String glob);
                void refresh(String url);
                AssetInfo create(String url, byte[] data) throws AssetExistsException;
                @Channel(value = "count", deadlineMillis = 250) int countAssets(String[] globs);
            }
            """);
    static final JavaFileObject EVENTS = source("assets.Events", """
            package assets;

            import io.typedipc.Channel;

            /** Main to renderers: every method is one-way, so broadcasts fit. */
            @Channel("asset-db.events")
            public interface Events {
                void changed(String url, long size);
                void removed(String url);
            }
            """);

    @Test
    void generatedSourcesMatchTheGoldenFiles() throws IOException {
        Compilation compilation = compileCleanly(ASSET_INFO, ASSET_EXISTS, ASSET_DB, EVENTS);
        for (String name : List.of("AssetDbSender", "AssetDbDispatcher", "EventsSender", "EventsDispatcher")) {
            assertEquals(golden("golden/" + name + ".java"), generatedSource(compilation, "assets." + name),
                    name + " differs from src/test/resources/golden/" + name + ".java");
        }
        JavaFileObject manifest = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/typed-ipc/assets.AssetDb.json").orElseThrow();
        assertEquals(golden("golden/assets.AssetDb.json"), manifest.getCharContent(true).toString());
    }

    @Test
    void generatedSourcesUseNoReflection() {
        Compilation compilation = compileCleanly(ASSET_INFO, ASSET_EXISTS, ASSET_DB, EVENTS);
        List<? extends JavaFileObject> sources = compilation.generatedSourceFiles();
        assertEquals(4, sources.size());
        for (JavaFileObject file : sources) {
            String text = content(file);
            for (String banned : List.of("java.lang.reflect", "getMethod", "getDeclared", "Proxy", "Class.forName",
                    "newInstance", "setAccessible", "MethodHandle")) {
                assertFalse(text.contains(banned), file.getName() + " contains " + banned);
            }
        }
    }

    @Test
    void generatedCodeCompilesWithEveryLintWarningAsAnError() {
        JavaFileObject tricky = source("assets.Tricky", """
                package assets;

                import io.typedipc.Channel;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import java.util.concurrent.CompletionStage;

                @Channel("tricky")
                public interface Tricky {
                    /** @deprecated use something else */
                    @Deprecated String old(String text);
                    String join(String... parts);
                    List<Map<String, List<Optional<AssetInfo>>>> deep(Map<String, int[][]> grid, List<String>[] lists);
                    CompletionStage<? extends List<? extends CharSequence>> wild(List<? super Integer> numbers);
                    void nothing();
                    void peer(String peer, String options, String QUERY);
                    String declared(String declared, String cause) throws AssetExistsException;
                    @Channel("query") String query(String text);
                }
                """);
        Compilation compilation = Compilations.javac("-Xlint:all").compile(ASSET_INFO, ASSET_EXISTS, tricky);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("assets.TrickySender");
        assertThat(compilation).generatedSourceFile("assets.TrickyDispatcher");
    }

    @Test
    void everyGeneratedFileHasTheInterfaceAsItsOnlyOriginatingElement() {
        RecordingProcessor recording = new RecordingProcessor();
        Compilation compilation = Compiler.javac().withProcessors(recording)
                .compile(ASSET_INFO, ASSET_EXISTS, ASSET_DB, EVENTS);
        assertThat(compilation).succeeded();
        assertEquals(6, recording.created.size(), String.valueOf(recording.created));
        for (RecordingProcessor.Created file : recording.created) {
            assertEquals(1, file.originatingElements().size(), file.name());
            TypeElement origin = (TypeElement) file.originatingElements().get(0);
            String expected = file.name().contains("Events") ? "assets.Events" : "assets.AssetDb";
            assertEquals(expected, origin.getQualifiedName().toString(), file.name());
        }
    }

    @Test
    void gradleIsolatingMetadataNamesTheRegisteredProcessor() throws IOException {
        String metadata = resource("META-INF/gradle/incremental.annotation.processors");
        assertEquals("io.typedipc.processor.ChannelProcessor,isolating", metadata.strip());
        boolean registered = false;
        for (Processor processor : ServiceLoader.load(Processor.class, getClass().getClassLoader())) {
            registered |= processor instanceof ChannelProcessor;
        }
        assertTrue(registered, "ChannelProcessor is registered in META-INF/services by @AutoService");
    }

    @Test
    void typesAnotherProcessorGeneratesAreWaitedFor() {
        JavaFileObject api = source("later.LaterApi", """
                package later;

                @io.typedipc.Channel("later")
                public interface LaterApi {
                    LaterData echo(LaterData data);
                    java.util.List<LaterData> all();
                }
                """);
        Compilation compilation = Compiler.javac().withProcessors(new ChannelProcessor(), new LaterProcessor())
                .compile(api);
        assertThat(compilation).succeededWithoutWarnings();
        String sender = generatedSource(compilation, "later.LaterApiSender");
        assertTrue(sender.contains("TypeRecipe.of(LaterData.class)"), sender);
    }

    private static String golden(String name) throws IOException {
        return resource(name);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GeneratedCodeTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String content(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
