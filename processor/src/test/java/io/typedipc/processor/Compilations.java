package io.typedipc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles channel interfaces in memory with the processor, and loads and runs what came out. */
final class Compilations {
    private Compilations() {}

    static Compiler javac(String... options) {
        return javac(new ChannelProcessor(), options);
    }

    /** The same compiler with {@code processor} in place of a plain {@link ChannelProcessor} (a wrapper of it). */
    static Compiler javac(Processor processor, String... options) {
        List<String> all = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Xlint:-processing", "-Werror"));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(processor).withOptions(all);
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().compile(sources);
    }

    /** Compiles; fails with javac's diagnostics if anything was reported. */
    static Compilation compileCleanly(JavaFileObject... sources) {
        Compilation compilation = compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }

    /** A class loader over the compilation's class files, with the test's class path (runtime, JUnit) as parent. */
    static ClassLoader loader(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            String relative = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
            String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader(Compilations.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    /** Compiles the sources, then runs the class {@code scenario} (a {@link Scenario}) between a main and a renderer. */
    static void runScenario(String scenario, JavaFileObject... sources) throws Exception {
        Compilation compilation = compileCleanly(sources);
        Class<?> type = loader(compilation).loadClass(scenario);
        Scenario run = (Scenario) type.getDeclaredConstructor().newInstance();
        try (IpcMain main = IpcMain.create(); IpcRenderer renderer = IpcRenderer.connectInProcess(main, "panel")) {
            run.run(main, renderer);
        }
    }

    /** The text of a generated source file, by qualified class name. */
    static String generatedSource(Compilation compilation, String qualifiedName) {
        String suffix = qualifiedName.replace('.', '/') + ".java";
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            if (file.toUri().getPath().endsWith(suffix)) {
                try {
                    return file.getCharContent(true).toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no generated source " + qualifiedName + " among " + compilation.generatedSourceFiles());
    }
}
