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

    /** Package → the other runtime packages its classes use, from {@code jdeps -verbose:package}. */
    private static Map<String, Set<String>> packageDependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps"));
        String modulePath = List.of(JsonMapper.class, TokenStreamFactory.class, JsonTypeInfo.class).stream()
                .map(LayoutTest::location).map(Path::toString).distinct().collect(Collectors.joining(File.pathSeparator));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--multi-release", "17",
                "-verbose:package", "-filter:none", "--module-path", modulePath, classes.toString());
        assertEquals(0, status, "jdeps failed: " + err + out);
        // "   io.typedipc.runtime.transport   -> io.typedipc.runtime.transport.spi   io.typedipc.runtime"
        Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = edge.matcher(line);
            if (m.matches() && m.group(1).startsWith(ROOT)) {
                Set<String> targets = dependencies.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                if (m.group(2).startsWith(ROOT) && !m.group(2).equals(m.group(1))) {
                    targets.add(m.group(2));
                }
            }
        }
        if (dependencies.isEmpty()) {
            fail("jdeps printed no package dependency:\n" + out);
        }
        return dependencies;
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
