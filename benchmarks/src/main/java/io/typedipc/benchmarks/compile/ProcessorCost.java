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
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the annotation processor costs a build: generates N {@code @Channel} interfaces of five methods each (blocking,
 * asynchronous with two parameters, one-way, blocking without parameters, blocking with a data class) and compiles
 * them with javac through {@link ToolProvider}, once with {@code -proc:none} and once with Typed IPC's processor, several
 * times each, in this JVM. Prints the median wall time of each and the ratio.
 *
 * <pre>java -cp benchmarks.jar io.typedipc.benchmarks.compile.ProcessorCost [runs] [sizes...]</pre>
 *
 * The class path of the compiled code and the processor path are this JVM's class path (the benchmarks uber-jar holds
 * the annotations, the runtime, Jackson, the processor and JavaPoet).
 */
public final class ProcessorCost {
    private static final String PROCESSOR = "io.typedipc.processor.ChannelProcessor";

    private ProcessorCost() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 500, 1000};
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run this with a JDK, not a JRE");
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "# Processor cost: javac via ToolProvider, %d runs per case after one warm-up, "
                + "median wall time; JDK %s, %d processors%n", runs, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        out.println("| interfaces (x5 methods) | without processor (ms) | with processor (ms) | ratio | "
                + "generated classes | the same sources + the generated ones, no processor (ms) | "
                + "processor's own share (ms) |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Path work = Files.createTempDirectory("typed-ipc-processor-cost");
        try {
            Path warmSources = generate(work.resolve("warm"), Math.min(50, sizes[0]));
            compile(javac, warmSources, work.resolve("warm-out-a"), null, false);
            compile(javac, warmSources, work.resolve("warm-out-b"), work.resolve("warm-gen"), true);
            for (int size : sizes) {
                Path sources = generate(work.resolve("src-" + size), size);
                long[] plain = new long[runs];
                long[] processed = new long[runs];
                long[] pregenerated = new long[runs];
                int generated = 0;
                for (int run = 0; run < runs; run++) {
                    // Alternate the three so that machine noise hits them alike.
                    plain[run] = compile(javac, sources, work.resolve("out-" + size + "-p" + run), null, false);
                    Path withOut = work.resolve("out-" + size + "-w" + run);
                    Path gen = work.resolve("gen-" + size + "-" + run);
                    processed[run] = compile(javac, sources, withOut, gen, true);
                    generated = countGenerated(withOut);
                    // The generated sources compiled as plain sources: what compiling the output costs by itself.
                    Path both = work.resolve("both-" + size + "-" + run);
                    copyTree(sources, both);
                    copyTree(gen, both);
                    pregenerated[run] = compile(javac, both, work.resolve("out-" + size + "-g" + run), null, false);
                }
                double a = median(plain);
                double b = median(processed);
                double c = median(pregenerated);
                out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %d | %.0f | %.0f |%n", size, a, b, b / a,
                        generated, c, b - c);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Compiles every source under {@code sources}; returns the wall time in milliseconds. */
    private static long compile(JavaCompiler javac, Path sources, Path out, Path generatedSources,
            boolean withProcessor) throws IOException {
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        String classPath = System.getProperty("java.class.path");
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", classPath,
                "-Xlint:all", "-Xlint:-processing", "-Werror", "-implicit:none"));
        if (withProcessor) {
            Files.createDirectories(generatedSources);
            options.addAll(List.of("-processorpath", classPath, "-processor", PROCESSOR, "-s",
                    generatedSources.toString()));
        } else {
            options.add("-proc:none");
        }
        StringWriter diagnostics = new StringWriter();
        long start = System.nanoTime();
        try (StandardJavaFileManager files0 = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files0.getJavaFileObjectsFromPaths(files);
            boolean ok = javac.getTask(diagnostics, files0, null, options, null, units).call();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!ok) {
                throw new IllegalStateException("javac failed:\n" + diagnostics);
            }
            return millis;
        }
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

    private static int countGenerated(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return (int) walk.filter(p -> p.getFileName().toString().matches(".*(Sender|Dispatcher)\\.class")).count();
        }
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
