package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime's package structure, as docs/architecture.md draws it, checked on the compiled classes with
 * {@code jdeps}: every package has its layer, dependencies point only down the layers (so there is no cycle), and
 * the module descriptor exports exactly the public packages.
 */
class LayoutTest {
    private static final String ROOT = "io.typedipc.runtime";

    /** Top to bottom: a package may depend only on packages further down this list. */
    private static final List<String> LAYERS = List.of(
            ROOT + ".transport",            // transport entry points
            ROOT,                           // the user API
            ROOT + ".internal.engine",      // the engine
            ROOT + ".transport.spi",        // what a transport module implements
            ROOT + ".internal.wire",        // the JSON-RPC codec and framing
            ROOT + ".codegen");             // what generated code builds

    private static final Set<String> EXPORTED = Set.of(
            ROOT, ROOT + ".codegen", ROOT + ".transport", ROOT + ".transport.spi");

    private static Path classes;
    private static Map<String, Set<String>> dependencies;

    @BeforeAll
    static void analyse() throws Exception {
        classes = location(IpcMain.class);
        dependencies = packageDependencies(classes);
    }

    @Test
    void everyPackageHasItsLayer() {
        Set<String> unplaced = new TreeSet<>(dependencies.keySet());
        LAYERS.forEach(unplaced::remove);
        assertTrue(unplaced.isEmpty(), "packages with no layer in LayoutTest and docs/architecture.md: " + unplaced);
        assertTrue(dependencies.keySet().containsAll(LAYERS), "jdeps saw " + dependencies.keySet());
    }

    @Test
    void dependenciesPointDownTheLayers() {
        List<String> upward = new ArrayList<>();
        dependencies.forEach((from, targets) -> {
            for (String to : targets) {
                if (LAYERS.contains(from) && LAYERS.contains(to) && LAYERS.indexOf(to) <= LAYERS.indexOf(from)) {
                    upward.add(from + " -> " + to);
                }
            }
        });
        assertTrue(upward.isEmpty(), "dependencies against the layering (see docs/architecture.md): " + upward);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        List<String> cycle = findCycle(dependencies);
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
    }

    @Test
    void theModuleExportsExactlyThePublicPackages() throws Exception {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals(ROOT, module.name());
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports export : module.exports()) {
            assertTrue(!export.isQualified(), "a qualified export: " + export);
            exported.add(export.source());
        }
        assertEquals(new TreeSet<>(EXPORTED), exported);
        assertTrue(exported.stream().noneMatch(name -> name.contains(".internal")), "an internal package is exported");
        assertTrue(module.opens().isEmpty(), "the runtime opens no package: " + module.opens());
        Set<String> internal = module.packages().stream().filter(name -> !EXPORTED.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(internal.stream().allMatch(name -> name.startsWith(ROOT + ".internal.")),
                "every package the module does not export is under internal: " + internal);
    }

    /**
     * The API package holds the API and what must name it — implementations of its interfaces, user code's
     * callers, adapters to the engine's ports — and nothing the engine could hold: every class in it that is not
     * public uses at least one of its public types. (A class that needs no API type belongs in internal.engine.)
     */
    @Test
    void everyInternalClassOfTheApiPackageNeedsTheApi() throws Exception {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String[] edge : jdeps(classes, "-verbose:class")) {
            String from = topLevel(edge[0]);
            if (packageOf(from).equals(ROOT)) {
                uses.computeIfAbsent(from, k -> new TreeSet<>()).add(topLevel(edge[1]));
            }
        }
        List<String> engineClasses = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : uses.entrySet()) {
            String name = entry.getKey();
            if (name.endsWith(".package-info") || isPublic(name)) {
                continue;
            }
            boolean namesApi = entry.getValue().stream()
                    .anyMatch(to -> !to.equals(name) && packageOf(to).equals(ROOT) && isPublic(to));
            if (!namesApi) {
                engineClasses.add(name);
            }
        }
        assertTrue(uses.keySet().stream().anyMatch(name -> !isPublic(name)), "jdeps saw no internal class: " + uses.keySet());
        assertTrue(engineClasses.isEmpty(), "classes of the API package that use no API type (move them to "
                + "internal.engine, see docs/architecture.md): " + engineClasses);
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className, false, LayoutTest.class.getClassLoader()).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("jdeps named a class the test cannot load: " + className, e);
        }
    }

    /** Package → the other runtime packages its classes use, from {@code jdeps -verbose:package}. */
    private static Map<String, Set<String>> packageDependencies(Path classes) {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (String[] edge : jdeps(classes, "-verbose:package")) {
            if (edge[0].startsWith(ROOT)) {
                Set<String> targets = dependencies.computeIfAbsent(edge[0], k -> new TreeSet<>());
                if (edge[1].startsWith(ROOT) && !edge[1].equals(edge[0])) {
                    targets.add(edge[1]);
                }
            }
        }
        if (dependencies.isEmpty()) {
            fail("jdeps printed no package dependency");
        }
        return dependencies;
    }

    /** Every {@code from -> to} edge jdeps prints at {@code verbose} ({@code -verbose:package} or {@code :class}). */
    private static List<String[]> jdeps(Path classes, String verbose) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps"));
        String modulePath = List.of(JsonMapper.class, TokenStreamFactory.class, JsonTypeInfo.class).stream()
                .map(LayoutTest::location).map(Path::toString).distinct().collect(Collectors.joining(File.pathSeparator));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--multi-release", "17",
                verbose, "-filter:none", "--module-path", modulePath, classes.toString());
        assertEquals(0, status, "jdeps failed: " + err + out);
        // "   io.typedipc.runtime.transport   -> io.typedipc.runtime.transport.spi   io.typedipc.runtime"
        Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");
        List<String[]> edges = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = edge.matcher(line);
            if (m.matches()) {
                edges.add(new String[] {m.group(1), m.group(2)});
            }
        }
        if (edges.isEmpty()) {
            fail("jdeps printed no dependency:\n" + out);
        }
        return edges;
    }

    /** One cycle in the graph, as its packages with the first repeated at the end; empty if there is none. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new LinkedHashMap<>();   // 1 = on the current path, 2 = done
        List<String> path = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> cycle = visit(start, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), findCycle(graph));
        assertEquals(List.of(), findCycle(Map.of("a", Set.of("b"), "b", Set.of())));
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
