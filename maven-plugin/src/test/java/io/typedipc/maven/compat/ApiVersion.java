package io.typedipc.maven.compat;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.ManifestException;
import io.typedipc.maven.manifest.ManifestReader;
import io.typedipc.processor.ChannelProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * One version of a channel interface {@code <pkg>.Shop} ({@code @Channel("shop")}), compiled in memory with the real
 * processor, loaded in its own class loader (so two versions of the same class names live side by side over one
 * runtime), with the manifests the processor wrote.
 */
final class ApiVersion {
    private final String label;
    private final ClassLoader loader;
    private final List<Manifest> manifests;

    private ApiVersion(String label, ClassLoader loader, List<Manifest> manifests) {
        this.label = label;
        this.loader = loader;
        this.manifests = manifests;
    }

    /**
     * Compiles a version.
     *
     * @param pkg  the interface's package
     * @param api  the body of {@code interface Shop} (methods, and nested records, enums and exceptions)
     * @param impl the body of an anonymous {@code Shop} implementation; it sees {@code received} (a
     *             {@code BlockingQueue<String>}) and records what arrives there
     * @param call statements that call through {@code shop} (the generated sender over the renderer) and return a
     *             String describing the result
     */
    static ApiVersion compile(String label, String pkg, String api, String impl, String call) {
        String imports = "import io.typedipc.Channel;\nimport java.util.*;\nimport java.util.concurrent.*;\n";
        JavaFileObject shop = JavaFileObjects.forSourceString(pkg + ".Shop",
                "package " + pkg + ";\n" + imports + "@Channel(\"shop\")\npublic interface Shop {\n" + api + "\n}\n");
        JavaFileObject side = JavaFileObjects.forSourceString("probe.Side", "package probe;\n" + imports
                + "import " + pkg + ".*;\nimport " + pkg + ".Shop.*;\n"
                + "import io.typedipc.runtime.*;\n"
                + "public final class Side implements io.typedipc.maven.compat.Side {\n"
                + "  @Override public void serve(IpcMain main, BlockingQueue<String> received) {\n"
                + "    ShopDispatcher.register(main, new Shop() {\n" + impl + "\n    });\n"
                + "  }\n"
                + "  @Override public String call(IpcRenderer renderer) throws Exception {\n"
                + "    Shop shop = new ShopSender(renderer);\n" + call + "\n"
                + "  }\n"
                + "}\n");
        Compilation compilation = Compiler.javac().withProcessors(new ChannelProcessor())
                .withOptions("--release", "17", "-Xlint:all", "-Xlint:-processing").compile(shop, side);
        assertThat(compilation).succeeded();
        Map<String, byte[]> classes = new HashMap<>();
        List<Manifest> manifests = new ArrayList<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            String relative = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
            try (InputStream in = file.openInputStream()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    classes.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'),
                            in.readAllBytes());
                } else if (relative.startsWith("META-INF/typed-ipc/")) {
                    manifests.add(new ManifestReader().read(in, new Manifest.Origin("shop:" + label, relative)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ManifestException e) {
                throw new AssertionError(e);
            }
        }
        ClassLoader loader = new ClassLoader(ApiVersion.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return new ApiVersion(label, loader, manifests);
    }

    Side side() {
        try {
            return (Side) loader.loadClass("probe.Side").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The manifests the processor wrote for this version. */
    ChannelCatalog channels() {
        return new ChannelCatalog(manifests);
    }

    @Override
    public String toString() {
        return label;
    }
}
