package io.typedipc.maven.typescript;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.ManifestException;
import io.typedipc.maven.manifest.ManifestReader;
import io.typedipc.processor.ChannelProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Java sources compiled in memory with the real processor, and the manifests it wrote. */
final class Compiled {
    private Compiled() {}

    /** @param sources pairs of qualified class name and source text */
    static List<Manifest> manifests(String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < sources.length; i += 2) {
            files.add(JavaFileObjects.forSourceString(sources[i], sources[i + 1]));
        }
        Compilation compilation = Compiler.javac().withProcessors(new ChannelProcessor())
                .withOptions("--release", "17", "-Xlint:all", "-Xlint:-processing").compile(files);
        assertThat(compilation).succeeded();
        List<Manifest> manifests = new ArrayList<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            int at = path.indexOf("META-INF/typed-ipc/");
            if (at < 0) {
                continue;
            }
            try (InputStream in = file.openInputStream()) {
                manifests.add(new ManifestReader().read(in, new Manifest.Origin("com.example:shop:1.0", path.substring(at))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ManifestException e) {
                throw new AssertionError(e);
            }
        }
        manifests.sort((a, b) -> a.interfaceName().compareTo(b.interfaceName()));
        return manifests;
    }
}
