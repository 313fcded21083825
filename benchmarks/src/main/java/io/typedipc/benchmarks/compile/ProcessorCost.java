package io.typedipc.benchmarks.compile;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the annotation processor costs a build, beside an anchor: generates N {@code @Channel} interfaces of five methods
 * each (blocking, asynchronous with two parameters, one-way, blocking without parameters, blocking with a data class)
 * and, for the anchor, N {@code @AutoValue} classes of five properties, and compiles each set with javac through
 * {@link ToolProvider} three ways: without processors ({@code -proc:none}), with the processor, and the sources plus
 * what the processor generated without processors (what compiling the output costs by itself). All six compilations
 * alternate in every run, in this JVM, so machine noise hits them alike. Each processor runs inside a
 * {@link TimedProcessor}, which measures the time inside it and, of that, inside javac's {@code Filer}.
 *
 * <pre>java -cp benchmarks.jar io.typedipc.benchmarks.compile.ProcessorCost [runs] [sizes...]</pre>
 *
 * The class path of the compiled code is this JVM's class path (the benchmarks uber-jar holds the annotations, the
 * runtime, Jackson, both processors and JavaPoet).
 */
public final class ProcessorCost {
    private static final String TYPED_IPC = "io.typedipc.processor.ChannelProcessor";
    private static final String AUTO_VALUE = "com.google.auto.value.processor.AutoValueProcessor";

    private ProcessorCost() {
    }

    /** One kind of source set and the processor that handles it. */
    private record Case(String name, String processor, SourceWriter sources) {}

    @FunctionalInterface
    private interface SourceWriter {
        Path write(Path root, int count) throws IOException;
    }

    /** The measurements of one case at one size, one entry per run. */
    private static final class Samples {
        final long[] plain;
        final long[] processed;
        final long[] pregenerated;
        final double[] inside;
        final double[] filer;
        int generated;

        Samples(int runs) {
            plain = new long[runs];
            processed = new long[runs];
            pregenerated = new long[runs];
            inside = new double[runs];
            filer = new double[runs];
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 500, 1000};
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run this with a JDK, not a JRE");
        }
        List<Case> cases = List.of(new Case("Typed IPC", TYPED_IPC, ProcessorCost::generate),
                new Case("AutoValue (anchor)", AUTO_VALUE, ProcessorCost::generateAutoValue));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "# Processor cost: javac via ToolProvider, %d runs per case after one warm-up, "
                + "median wall time; JDK %s, %d processors%n%n", runs, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        out.println("| processor | N | without processor (ms) | with processor (ms) | ratio | generated files | "
                + "sources + generated, no processor (ms) | processor's share (ms) | inside the processor (ms) | "
                + "of which in javac's Filer (ms) | the processor's own work (ms per N) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Path work = Files.createTempDirectory("typed-ipc-processor-cost");
        try {
            for (Case c : cases) {
                Path warm = c.sources().write(work.resolve("warm-" + c.processor()), Math.min(50, sizes[0]));
                compile(javac, warm, work.resolve("warm-a-" + c.processor()), null, null);
                compile(javac, warm, work.resolve("warm-b-" + c.processor()), work.resolve("warm-g-" + c.processor()),
                        new TimedProcessor(newProcessor(c.processor())));
            }
            for (int size : sizes) {
                List<Samples> results = new ArrayList<>();
                List<Path> sources = new ArrayList<>();
                for (Case c : cases) {
                    results.add(new Samples(runs));
                    sources.add(c.sources().write(work.resolve("src-" + size + "-" + c.processor()), size));
                }
                for (int run = 0; run < runs; run++) {
                    for (int i = 0; i < cases.size(); i++) {
                        measure(javac, cases.get(i), sources.get(i), work.resolve(size + "-" + i + "-" + run),
                                results.get(i), run);
                    }
                }
                for (int i = 0; i < cases.size(); i++) {
                    Samples r = results.get(i);
                    double a = median(r.plain);
                    double b = median(r.processed);
                    double g = median(r.pregenerated);
                    double inside = median(r.inside);
                    double filer = median(r.filer);
                    out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %d | %.0f | %.0f | %.0f | %.0f | %.2f |%n",
                            cases.get(i).name(), size, a, b, b / a, r.generated, g, b - g, inside, filer,
                            (inside - filer) / size);
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void measure(JavaCompiler javac, Case c, Path sources, Path dir, Samples into, int run)
            throws Exception {
        into.plain[run] = compile(javac, sources, dir.resolve("plain"), null, null);
        TimedProcessor timed = new TimedProcessor(newProcessor(c.processor()));
        Path generated = dir.resolve("generated");
        into.processed[run] = compile(javac, sources, dir.resolve("processed"), generated, timed);
        into.inside[run] = timed.insideMillis();
        into.filer[run] = timed.filerMillis();
        into.generated = timed.files();
        Path both = dir.resolve("both");
        copyTree(sources, both);
        copyTree(generated, both);
        into.pregenerated[run] = compile(javac, both, dir.resolve("pregenerated"), null, null);
    }

    private static Processor newProcessor(String name) throws ReflectiveOperationException {
        return (Processor) Class.forName(name).getDeclaredConstructor().newInstance();
    }

    /**
     * Compiles every source under {@code sources} with {@code processor}, or with no processor when it is
     * {@code null}; returns the wall time in milliseconds.
     */
    private static long compile(JavaCompiler javac, Path sources, Path out, Path generatedSources,
            Processor processor) throws IOException {
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        String classPath = System.getProperty("java.class.path");
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", classPath,
                "-Xlint:all", "-Xlint:-processing", "-Werror", "-implicit:none"));
        if (processor != null) {
            Files.createDirectories(generatedSources);
            options.addAll(List.of("-s", generatedSources.toString()));
        } else {
            options.add("-proc:none");
        }
        StringWriter diagnostics = new StringWriter();
        long start = System.nanoTime();
        try (StandardJavaFileManager files0 = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files0.getJavaFileObjectsFromPaths(files);
            JavaCompiler.CompilationTask task = javac.getTask(diagnostics, files0, null, options, null, units);
            if (processor != null) {
                task.setProcessors(List.of(processor));
            }
            boolean ok = task.call();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!ok) {
                throw new IllegalStateException("javac failed:\n" + diagnostics);
            }
            return millis;
        }
    }

    /** Writes {@code count} {@code @AutoValue} classes of five properties; returns the source root. */
    static Path generateAutoValue(Path root, int count) throws IOException {
        Path dir = root.resolve("gen/anchor");
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            String name = "Value" + i;
            Files.writeString(dir.resolve(name + ".java"), """
                    package gen.anchor;

                    import com.google.auto.value.AutoValue;
                    import java.util.List;
                    import java.util.Optional;

                    /** Generated value class %1$d. */
                    @AutoValue
                    public abstract class %2$s {
                        public abstract String id();

                        public abstract int size();

                        public abstract List<String> tags();

                        public abstract Optional<String> note();

                        public abstract long stamp();
                    }
                    """.formatted(i, name));
        }
        return root;
    }

    /** Writes {@code count} channel interfaces and one shared data class; returns the source root. */
    static Path generate(Path root, int count) throws IOException {
        Path dir = root.resolve("gen/bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Item.java"), """
                package gen.bench;

                import java.util.List;

                /** Data carried by the generated channels. */
                public final class Item {
                    private String id;
                    private int size;
                    private List<String> tags;

                    public String getId() { return id; }
                    public void setId(String id) { this.id = id; }
                    public int getSize() { return size; }
                    public void setSize(int size) { this.size = size; }
                    public List<String> getTags() { return tags; }
                    public void setTags(List<String> tags) { this.tags = tags; }
                }
                """);
        for (int i = 0; i < count; i++) {
            String name = "Service" + i;
            Files.writeString(dir.resolve(name + ".java"), """
                    package gen.bench;

                    import io.typedipc.Channel;
                    import java.util.List;
                    import java.util.concurrent.CompletableFuture;

                    /** Generated channel interface %1$d. */
                    @Channel("svc%1$d")
                    public interface %2$s {
                        Item get(String id);

                        CompletableFuture<List<Item>> list(String glob, int limit);

                        void touch(String url);

                        int count();

                        Item update(Item item);
                    }
                    """.formatted(i, name));
        }
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
