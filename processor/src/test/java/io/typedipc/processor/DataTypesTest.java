package io.typedipc.processor;

import static io.typedipc.processor.Compilations.compileCleanly;
import static io.typedipc.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.transport.ChildProcessTransport;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shape of data the processor accepts, round-tripped by the generated code: sealed hierarchies as tagged
 * unions (nested, in lists, maps, optionals and records; enum variants; {@code @JsonTypeName}), recursive records,
 * generic records, beans with setters, classes with a {@code @JsonCreator}, and types that carry Jackson's own
 * {@code @JsonTypeInfo}. Over the in-process transport and over a real child process's stdin/stdout.
 */
class DataTypesTest {

    static final JavaFileObject SHAPES = source("shapes.Shapes", """
            package shapes;

            import com.fasterxml.jackson.annotation.JsonCreator;
            import com.fasterxml.jackson.annotation.JsonProperty;
            import com.fasterxml.jackson.annotation.JsonSubTypes;
            import com.fasterxml.jackson.annotation.JsonTypeInfo;
            import com.fasterxml.jackson.annotation.JsonTypeName;
            import java.util.List;
            import java.util.Map;
            import java.util.Objects;
            import java.util.Optional;

            public final class Shapes {
                private Shapes() {}

                public sealed interface Shape permits Circle, Square, Polygon, Unit {}
                public record Circle(double radius) implements Shape {}
                @JsonTypeName("sq") public record Square(double side) implements Shape {}
                public sealed interface Polygon extends Shape permits Triangle, Rect {}
                public record Triangle(double a, double b, double c) implements Polygon {}
                public record Rect(double width, double height) implements Polygon {}
                public enum Unit implements Shape { POINT, NOTHING }

                public record Drawing(String title, List<Shape> shapes, Map<String, Shape> named,
                        Optional<Shape> focus, Polygon outline, Layer layer) {}
                public record Layer(String name, List<Layer> children, Shape mask) {}
                public record Page<T>(List<T> items, int total) {}

                /** Every scalar, container and key type docs/channels.md lists as data. */
                public record Scalars(java.util.UUID id, java.net.URI uri, java.net.URL url, java.util.Locale locale,
                        java.util.Currency currency, java.io.File file, java.nio.file.Path path, java.util.Date date,
                        java.math.BigInteger big, java.math.BigDecimal exact, char c, Character boxed,
                        CharSequence text, byte[] bytes, char[] chars, java.time.Year year,
                        java.time.YearMonth yearMonth, java.time.MonthDay monthDay, java.time.OffsetTime offsetTime,
                        java.time.ZoneId zone, java.time.ZoneOffset offset, java.time.Period period,
                        java.time.LocalTime localTime, java.time.LocalDateTime localDateTime,
                        java.time.OffsetDateTime offsetDateTime, java.util.OptionalInt optionalInt,
                        java.util.OptionalLong optionalLong, java.util.OptionalDouble optionalDouble,
                        Map<java.util.UUID, String> byUuid, Map<java.time.LocalDate, Integer> byDay,
                        Map<Unit, String> byEnum, Map<Long, String> byNumber, Map<Character, Boolean> byChar,
                        java.util.Deque<String> deque, java.util.Queue<String> queue,
                        java.util.TreeSet<String> sorted, Iterable<String> iterable, Tags tags) {}

                /** A collection class of one's own: Jackson creates it through its no-argument constructor. */
                public static final class Tags extends java.util.ArrayList<String> {
                    private static final long serialVersionUID = 1L;
                }

                /** A sealed abstract class whose variants are final classes. */
                public abstract static sealed class Event permits Opened, Closed {}
                public static final class Opened extends Event {
                    private final String path;
                    @JsonCreator public Opened(@JsonProperty("path") String path) { this.path = path; }
                    public String getPath() { return path; }
                    @Override public boolean equals(Object o) { return o instanceof Opened x && x.path.equals(path); }
                    @Override public int hashCode() { return path.hashCode(); }
                }
                public static final class Closed extends Event {
                    public int code;
                    @Override public boolean equals(Object o) { return o instanceof Closed x && x.code == code; }
                    @Override public int hashCode() { return code; }
                }

                public static final class Point {
                    private final int x;
                    private final int y;
                    @JsonCreator public Point(@JsonProperty("x") int x, @JsonProperty("y") int y) {
                        this.x = x;
                        this.y = y;
                    }
                    public int getX() { return x; }
                    public int getY() { return y; }
                    @Override public boolean equals(Object o) { return o instanceof Point p && p.x == x && p.y == y; }
                    @Override public int hashCode() { return 31 * x + y; }
                }

                public static class Settings {
                    private String theme;
                    private boolean dark;
                    private List<String> recent;
                    public String getTheme() { return theme; }
                    public void setTheme(String theme) { this.theme = theme; }
                    public boolean isDark() { return dark; }
                    public void setDark(boolean dark) { this.dark = dark; }
                    public List<String> getRecent() { return recent; }
                    public void setRecent(List<String> recent) { this.recent = recent; }
                    @Override public boolean equals(Object o) {
                        return o instanceof Settings s && Objects.equals(s.theme, theme) && s.dark == dark
                                && Objects.equals(s.recent, recent);
                    }
                    @Override public int hashCode() { return Objects.hash(theme, dark, recent); }
                }

                /** Jackson's own polymorphism, accepted as written. */
                @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "species")
                @JsonSubTypes({@JsonSubTypes.Type(value = Dog.class, name = "dog"),
                        @JsonSubTypes.Type(value = Cat.class, name = "cat")})
                public abstract static class Animal {
                    public String name;
                    @Override public boolean equals(Object o) {
                        return o != null && o.getClass() == getClass() && Objects.equals(((Animal) o).name, name);
                    }
                    @Override public int hashCode() { return Objects.hashCode(name); }
                }
                public static final class Dog extends Animal {}
                public static final class Cat extends Animal {}
            }
            """);

    static final JavaFileObject DRAW = source("shapes.Draw", """
            package shapes;

            import io.typedipc.Channel;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import shapes.Shapes.*;

            @Channel("draw")
            public interface Draw {
                Drawing echo(Drawing drawing);
                double area(Shape shape);
                CompletableFuture<List<Shape>> reverse(List<Shape> shapes);
                Polygon polygon(Polygon polygon);
                Page<Shape> page(Page<Shape> page);
                Event event(Event event);
                Point move(Point point, int dx);
                Settings settings(Settings settings);
                Animal animal(Animal animal);
                Scalars scalars(Scalars scalars);
            }
            """);

    static final JavaFileObject DRAW_SERVICE = source("shapes.DrawService", """
            package shapes;

            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import shapes.Shapes.*;

            public final class DrawService implements Draw {
                @Override public Drawing echo(Drawing drawing) { return drawing; }
                @Override public double area(Shape shape) {
                    if (shape instanceof Circle c) {
                        return Math.PI * c.radius() * c.radius();
                    } else if (shape instanceof Square s) {
                        return s.side() * s.side();
                    } else if (shape instanceof Rect r) {
                        return r.width() * r.height();
                    }
                    return shape instanceof Unit ? 0 : -1;
                }
                @Override public CompletableFuture<List<Shape>> reverse(List<Shape> shapes) {
                    List<Shape> copy = new ArrayList<>(shapes);
                    Collections.reverse(copy);
                    return CompletableFuture.completedFuture(copy);
                }
                @Override public Polygon polygon(Polygon polygon) { return polygon; }
                @Override public Page<Shape> page(Page<Shape> page) { return page; }
                @Override public Event event(Event event) { return event; }
                @Override public Point move(Point point, int dx) { return new Point(point.getX() + dx, point.getY()); }
                @Override public Settings settings(Settings settings) { return settings; }
                @Override public Animal animal(Animal animal) { return animal; }
                @Override public Scalars scalars(Scalars scalars) { return scalars; }
            }
            """);

    /** The calls and their checks, in plain typed code: run against any peer that serves {@code Draw}. */
    static final JavaFileObject CALLS = source("shapes.Calls", """
            package shapes;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import static org.junit.jupiter.api.Assertions.assertThrows;
            import static org.junit.jupiter.api.Assertions.assertTrue;

            import io.typedipc.runtime.IpcException;
            import io.typedipc.runtime.IpcMain;
            import io.typedipc.runtime.IpcPeer;
            import io.typedipc.runtime.IpcRenderer;
            import io.typedipc.processor.Scenario;
            import java.util.LinkedHashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.TimeUnit;
            import shapes.Shapes.*;

            public final class Calls implements Scenario {
                @Override public void run(IpcMain main, IpcRenderer renderer) throws Exception {
                    DrawDispatcher.register(main, new DrawService());
                    callAll(renderer);
                    // A tag no variant has: invalid params, naming the tag; no class is looked up by name.
                    ExecutionException unknown = assertThrows(ExecutionException.class, () -> renderer.invoke(
                            "draw:area", Map.of("@type", "Hexagon", "side", 1)).get(30, TimeUnit.SECONDS));
                    IpcException error = (IpcException) unknown.getCause();
                    assertEquals(-32602, error.code());
                    assertTrue(error.getMessage().contains("'Hexagon'"), error.getMessage());
                    ExecutionException className = assertThrows(ExecutionException.class, () -> renderer.invoke(
                            "draw:area", Map.of("@type", "shapes.Shapes$Circle", "radius", 1)).get(30, TimeUnit.SECONDS));
                    assertEquals(-32602, ((IpcException) className.getCause()).code());
                    // The wire form, as an untyped peer (or TypeScript) sees it.
                    assertEquals(Map.of("@type", "Rect", "width", 1.0, "height", 2.0), renderer.invoke("draw:polygon",
                            Map.of("@type", "Rect", "width", 1, "height", 2)).get(30, TimeUnit.SECONDS));
                    assertEquals(List.of(Map.of("@type", "sq", "side", 2.0), List.of("Unit", "POINT")),
                            renderer.invoke("draw:reverse", List.of(List.of("Unit", "POINT"),
                                    Map.of("@type", "sq", "side", 2))).get(30, TimeUnit.SECONDS));
                }

                public static void callAll(IpcPeer peer) throws Exception {
                    Draw draw = new DrawSender(peer);
                    Map<String, Shape> named = new LinkedHashMap<>();
                    named.put("sun", new Circle(3));
                    named.put("none", Unit.NOTHING);
                    Layer layer = new Layer("root", List.of(new Layer("child", List.of(), new Square(1)),
                            new Layer("empty", List.of(), null)), new Rect(1, 2));
                    Drawing drawing = new Drawing("plan", List.of(new Circle(1), new Square(2), new Triangle(3, 4, 5),
                            Unit.POINT), named, Optional.of(new Rect(2, 3)), new Triangle(1, 1, 1), layer);
                    assertEquals(drawing, draw.echo(drawing));
                    Drawing sparse = new Drawing(null, List.of(), Map.of(), Optional.empty(), null, null);
                    assertEquals(sparse, draw.echo(sparse));
                    assertEquals(4.0, draw.area(new Square(2)));
                    assertEquals(6.0, draw.area(new Rect(2, 3)));
                    assertEquals(0.0, draw.area(Unit.POINT));
                    assertEquals(List.of(Unit.NOTHING, new Rect(1, 1), new Circle(1)),
                            draw.reverse(List.of(new Circle(1), new Rect(1, 1), Unit.NOTHING)).get(30, TimeUnit.SECONDS));
                    assertEquals(new Triangle(2, 2, 2), draw.polygon(new Triangle(2, 2, 2)));
                    Page<Shape> page = new Page<>(List.of(new Circle(5), Unit.POINT), 7);
                    assertEquals(page, draw.page(page));
                    assertEquals(new Opened("/tmp/x"), draw.event(new Opened("/tmp/x")));
                    Closed closed = new Closed();
                    closed.code = 3;
                    assertEquals(closed, draw.event(closed));
                    assertEquals(new Point(5, 2), draw.move(new Point(1, 2), 4));
                    Settings settings = new Settings();
                    settings.setTheme("solar");
                    settings.setDark(true);
                    settings.setRecent(List.of("a.txt", "b.txt"));
                    assertEquals(settings, draw.settings(settings));
                    Dog dog = new Dog();
                    dog.name = "rex";
                    assertEquals(dog, draw.animal(dog));
                    scalars(draw);
                }

                private static void scalars(Draw draw) throws Exception {
                    Tags tags = new Tags();
                    tags.add("t");
                    java.util.UUID id = java.util.UUID.randomUUID();
                    Scalars sent = new Scalars(id, java.net.URI.create("urn:x:y"), new java.net.URL("https://example.org/a"),
                            java.util.Locale.CANADA_FRENCH, java.util.Currency.getInstance("EUR"),
                            new java.io.File("/tmp/a b"), java.nio.file.Path.of("/tmp/c d"), new java.util.Date(1234567L),
                            new java.math.BigInteger("123456789012345678901234567890"),
                            new java.math.BigDecimal("1.10"), 'é', '\u00df', "text", new byte[] {0, -1, 2},
                            new char[] {'h', 'i'}, java.time.Year.of(2024), java.time.YearMonth.of(2024, 2),
                            java.time.MonthDay.of(2, 29), java.time.OffsetTime.parse("10:15:30+01:00"),
                            java.time.ZoneId.of("Europe/Paris"), java.time.ZoneOffset.ofHours(-3),
                            java.time.Period.of(1, 2, 3), java.time.LocalTime.of(23, 59, 1),
                            java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5), java.time.OffsetDateTime.parse(
                                    "2024-01-02T03:04:05Z"), java.util.OptionalInt.of(3), java.util.OptionalLong.empty(),
                            java.util.OptionalDouble.of(0.5), Map.of(id, "u"), Map.of(java.time.LocalDate.of(2024, 3, 1), 1),
                            Map.of(Unit.POINT, "p"), Map.of(7L, "seven"), Map.of('k', true),
                            new java.util.ArrayDeque<>(List.of("d1", "d2")), new java.util.LinkedList<>(List.of("q")),
                            new java.util.TreeSet<>(List.of("b", "a")), List.of("i"), tags);
                    Scalars back = draw.scalars(sent);
                    assertEquals(List.copyOf(sent.deque()), List.copyOf(back.deque()));
                    assertEquals(List.copyOf(sent.queue()), List.copyOf(back.queue()));
                    assertEquals(sent.text().toString(), back.text().toString());
                    assertTrue(java.util.Arrays.equals(sent.bytes(), back.bytes()));
                    assertTrue(java.util.Arrays.equals(sent.chars(), back.chars()));
                    assertEquals(Tags.class, back.tags().getClass());
                    Scalars same = new Scalars(back.id(), back.uri(), back.url(), back.locale(), back.currency(),
                            back.file(), back.path(), back.date(), back.big(), back.exact(), back.c(), back.boxed(),
                            sent.text(), sent.bytes(), sent.chars(), back.year(), back.yearMonth(), back.monthDay(),
                            back.offsetTime(), back.zone(), back.offset(), back.period(), back.localTime(),
                            back.localDateTime(), back.offsetDateTime(), back.optionalInt(), back.optionalLong(),
                            back.optionalDouble(), back.byUuid(), back.byDay(), back.byEnum(), back.byNumber(),
                            back.byChar(), sent.deque(), sent.queue(), back.sorted(), back.iterable(), back.tags());
                    assertEquals(sent, same);
                }
            }
            """);

    /** A renderer in a child process that serves {@code Draw} over its stdin/stdout. */
    static final JavaFileObject CHILD = source("shapes.ChildMain", """
            package shapes;

            import io.typedipc.runtime.IpcRenderer;
            import io.typedipc.runtime.IpcSettings;
            import io.typedipc.runtime.transport.StdioTransport;
            import java.util.concurrent.TimeUnit;

            public final class ChildMain {
                public static void main(String[] args) throws Exception {
                    IpcRenderer renderer = StdioTransport.connectRenderer("draw-child", IpcSettings.defaults(),
                            self -> DrawDispatcher.register(self, new DrawService()));
                    System.exit(renderer.awaitDisconnect(5, TimeUnit.MINUTES) ? 0 : 3);
                }
            }
            """);

    @Test
    void everyAcceptedShapeRoundTripsInProcess() throws Exception {
        Compilations.runScenario("shapes.Calls", SHAPES, DRAW, DRAW_SERVICE, CALLS, CHILD);
    }

    @Test
    void everyAcceptedShapeRoundTripsAcrossProcesses(@TempDir Path classes) throws Exception {
        Compilation compilation = compileCleanly(SHAPES, DRAW, DRAW_SERVICE, CALLS, CHILD);
        writeClasses(compilation, classes);
        ClassLoader loader = Compilations.loader(compilation);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"), "shapes.ChildMain");
        try (IpcMain main = IpcMain.create()) {
            ChildProcessTransport.ChildRenderer child = ChildProcessTransport.launch(main, builder, "draw-child");
            try {
                loader.loadClass("shapes.Calls").getMethod("callAll", IpcPeer.class).invoke(null, child.handle());
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                child.handle().disconnect();
                assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "the child ends when main disconnects");
            }
            assertEquals(0, child.process().exitValue());
        }
    }

    private static void writeClasses(Compilation compilation, Path root) throws IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            Path target = root.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = file.openInputStream()) {
                Files.write(target, in.readAllBytes());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
