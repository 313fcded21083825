package io.typedipc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typedipc.processor.Compilations.runScenario;
import static io.typedipc.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The forms a channel interface can take, each run for real: inheritance (from an unannotated generic base, and from
 * an annotated channel interface), nested and default-package interfaces, single-channel interfaces, one-way-only
 * interfaces sent through any {@code OneWayPeer}, and main calling a renderer.
 */
class InterfaceFormsTest {

    @Test
    void inheritedMethodsBecomeChannels() throws Exception {
        JavaFileObject user = source("users.User", """
                package users;
                public record User(String name, int age) {}
                """);
        JavaFileObject repository = source("users.Repository", """
                package users;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;
                /** No @Channel: its methods take the package of each channel interface that extends it. */
                public interface Repository<T> {
                    T load(String id);
                    CompletableFuture<List<T>> all();
                    default String describe() { return "repository"; }
                }
                """);
        JavaFileObject greeter = source("users.Greeter", """
                package users;
                @io.typedipc.Channel("greeter")
                public interface Greeter {
                    String hello(String name);
                }
                """);
        JavaFileObject users = source("users.Users", """
                package users;
                @io.typedipc.Channel("users")
                public interface Users extends Repository<User>, Greeter {
                    void forget(String id);
                    @Override String toString();
                }
                """);
        JavaFileObject run = source("users.Run", """
                package users;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import io.typedipc.processor.Scenario;
                import io.typedipc.runtime.IpcMain;
                import io.typedipc.runtime.IpcRenderer;
                import io.typedipc.runtime.Registration;
                import java.util.List;
                import java.util.concurrent.BlockingQueue;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.LinkedBlockingQueue;
                import java.util.concurrent.TimeUnit;

                public final class Run implements Scenario {
                    @Override
                    public void run(IpcMain main, IpcRenderer renderer) throws Exception {
                        BlockingQueue<String> forgotten = new LinkedBlockingQueue<>();
                        Users service = new Users() {
                            @Override public User load(String id) { return new User(id, 42); }
                            @Override public CompletableFuture<List<User>> all() {
                                return CompletableFuture.completedFuture(List.of(new User("a", 1)));
                            }
                            @Override public String hello(String name) { return "hello " + name; }
                            @Override public void forget(String id) { forgotten.add(id); }
                        };
                        Registration registration = UsersDispatcher.register(main, service);
                        try {
                            assertEquals("users:load", UsersSender.LOAD.channel());
                            assertEquals("users:all", UsersSender.ALL.channel());
                            assertEquals("greeter:hello", UsersSender.HELLO.channel());
                            assertEquals("users:forget", UsersSender.FORGET.channel());
                            Users users = new UsersSender(renderer);
                            assertEquals(new User("x", 42), users.load("x"));
                            assertEquals(List.of(new User("a", 1)), users.all().get(30, TimeUnit.SECONDS));
                            users.forget("old");
                            assertEquals("old", forgotten.poll(30, TimeUnit.SECONDS));
                            assertEquals("repository", users.describe());
                            // An annotated super-interface keeps its ids: its own sender reaches the sub-interface's
                            // implementation.
                            assertEquals("hello bob", new GreeterSender(renderer).hello("bob"));
                        } finally {
                            registration.close();
                        }
                    }
                }
                """);
        runScenario("users.Run", user, repository, greeter, users, run);
    }

    @Test
    void nestedDefaultPackageAndSingleChannelInterfaces() throws Exception {
        JavaFileObject outer = source("Outer", """
                public class Outer {
                    @io.typedipc.Channel("outer.inner")
                    public interface Inner {
                        int twice(int value);
                    }
                }
                """);
        JavaFileObject formatter = source("Formatter", """
                @io.typedipc.Channel("tools:format")
                interface Formatter {
                    String format(String text);
                }
                """);
        JavaFileObject run = source("Run", """
                import static org.junit.jupiter.api.Assertions.assertEquals;

                import io.typedipc.processor.Scenario;
                import io.typedipc.runtime.IpcMain;
                import io.typedipc.runtime.IpcRenderer;
                import io.typedipc.runtime.Registration;

                public final class Run implements Scenario {
                    @Override
                    public void run(IpcMain main, IpcRenderer renderer) throws Exception {
                        Registration inner = Outer_InnerDispatcher.register(main, value -> value * 2);
                        Registration format = FormatterDispatcher.register(main, text -> "[" + text + "]");
                        try {
                            assertEquals(42, new Outer_InnerSender(renderer).twice(21));
                            assertEquals("outer.inner:twice", Outer_InnerSender.TWICE.channel());
                            assertEquals("[x]", new FormatterSender(renderer).format("x"));
                            assertEquals("tools:format", FormatterSender.FORMAT.channel());
                        } finally {
                            inner.close();
                            format.close();
                        }
                    }
                }
                """);
        runScenario("Run", outer, formatter, run);
    }

    @Test
    void oneWayOnlySenderTakesAnyOneWayPeerAndMainCallsTheRenderer() throws Exception {
        JavaFileObject events = source("ui.Events", """
                package ui;
                @io.typedipc.Channel("ui.events")
                public interface Events {
                    void opened(String path);
                    void closed(String path, int code);
                }
                """);
        JavaFileObject panel = source("ui.Panel", """
                package ui;
                import java.util.concurrent.CompletableFuture;
                @io.typedipc.Channel("panel")
                public interface Panel {
                    CompletableFuture<String> title();
                }
                """);
        JavaFileObject run = source("ui.Run", """
                package ui;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import io.typedipc.processor.Scenario;
                import io.typedipc.runtime.IpcMain;
                import io.typedipc.runtime.IpcRenderer;
                import io.typedipc.runtime.codegen.MethodDescriptor;
                import io.typedipc.runtime.OneWayPeer;
                import io.typedipc.runtime.Registration;
                import io.typedipc.runtime.RendererHandle;
                import java.util.ArrayList;
                import java.util.Arrays;
                import java.util.List;
                import java.util.concurrent.BlockingQueue;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.LinkedBlockingQueue;
                import java.util.concurrent.TimeUnit;

                public final class Run implements Scenario {
                    @Override
                    public void run(IpcMain main, IpcRenderer renderer) throws Exception {
                        // Any OneWayPeer fits a one-way-only sender (a broadcast is one).
                        List<String> recorded = new ArrayList<>();
                        OneWayPeer recorder = new OneWayPeer() {
                            @Override public void send(String channel, Object... args) {
                                recorded.add(channel + Arrays.toString(args));
                            }
                            @Override public void send(MethodDescriptor<?> method, Object... args) {
                                recorded.add(method.channel() + Arrays.toString(args));
                            }
                        };
                        new EventsSender(recorder).closed("a.txt", 3);
                        assertEquals(List.of("ui.events:closed[a.txt, 3]"), recorded);

                        // Renderer to main, typed, one-way.
                        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
                        Registration events = EventsDispatcher.register(main, new Events() {
                            @Override public void opened(String path) { seen.add("opened " + path); }
                            @Override public void closed(String path, int code) { seen.add("closed " + path + " " + code); }
                        });
                        // Main to renderer: an asynchronous request served by the renderer.
                        Registration title = PanelDispatcher.register(renderer,
                                () -> CompletableFuture.completedFuture("Inspector"));
                        try {
                            Events sender = new EventsSender(renderer);
                            sender.opened("b.txt");
                            sender.closed("b.txt", 0);
                            assertEquals("opened b.txt", seen.poll(30, TimeUnit.SECONDS));
                            assertEquals("closed b.txt 0", seen.poll(30, TimeUnit.SECONDS));

                            RendererHandle handle = main.renderer("panel").orElseThrow();
                            assertEquals("Inspector", new PanelSender(handle).title().get(30, TimeUnit.SECONDS));
                        } finally {
                            events.close();
                            title.close();
                        }
                    }
                }
                """);
        runScenario("ui.Run", events, panel, run);
    }

    @Test
    void senderOfAnInterfaceWithRequestsRefusesAOneWayPeer() {
        JavaFileObject panel = source("ui.Panel", """
                package ui;
                @io.typedipc.Channel("panel")
                public interface Panel {
                    String title();
                }
                """);
        JavaFileObject misuse = source("ui.Misuse", """
                package ui;
                import io.typedipc.runtime.OneWayPeer;
                final class Misuse {
                    static Panel broadcast(OneWayPeer everyone) {
                        return new PanelSender(everyone);
                    }
                }
                """);
        Compilation compilation = Compilations.compile(panel, misuse);
        assertThat(compilation).hadErrorContaining("incompatible types: io.typedipc.runtime.OneWayPeer cannot be"
                + " converted to io.typedipc.runtime.IpcPeer").inFile(misuse).onLine(5);
    }
}
