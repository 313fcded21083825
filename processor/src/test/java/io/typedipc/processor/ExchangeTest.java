package io.typedipc.processor;

import static io.typedipc.processor.Compilations.runScenario;
import static io.typedipc.processor.Compilations.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated code for real: each test compiles a channel interface, its implementation and a scenario in
 * memory, loads the classes and makes real exchanges between an {@code IpcMain} and an in-process
 * {@code IpcRenderer}, with the assertions inside the scenario's plain typed code.
 */
class ExchangeTest {

    private static final JavaFileObject ITEM = source("shop.Item", """
            package shop;

            import java.time.Instant;
            import java.util.List;
            import java.util.Map;

            public record Item(String id, String name, List<String> tags, Map<String, Integer> counts, byte[] data,
                    Instant created) {}
            """);

    private static final JavaFileObject COLOR = source("shop.Color", """
            package shop;

            public enum Color { RED, GREEN, BLUE, YELLOW }
            """);

    private static final JavaFileObject ITEM_EXISTS = source("shop.ItemExistsException", """
            package shop;

            public class ItemExistsException extends Exception {
                private static final long serialVersionUID = 1L;

                public ItemExistsException(String message) {
                    super(message);
                }
            }
            """);

    private static final JavaFileObject SOLD_OUT = source("shop.SoldOutException", """
            package shop;

            /** Only a no-argument constructor: the type survives, the message does not. */
            public class SoldOutException extends Exception {
                private static final long serialVersionUID = 1L;

                public SoldOutException() {
                    super("sold out");
                }
            }
            """);

    private static final JavaFileObject SHOP = source("shop.Shop", """
            package shop;

            import io.typedipc.Channel;
            import java.time.Duration;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            @Channel("shop")
            public interface Shop {
                Item get(String id);
                int count(List<String> ids);
                long sum(int[] values, double factor, boolean negate, char marker, short small, byte tiny, float ratio);
                CompletableFuture<Map<String, List<Item>>> groups(Set<String> tags);
                CompletionStage<Void> touch(String id);
                void log(String line);
                Optional<Item> find(String id);
                Item create(String id, byte[] data) throws ItemExistsException, SoldOutException;
                CompletableFuture<Item> createLater(String id) throws ItemExistsException;
                String[] echo(String[] values);
                String join(String... parts);
                Instant shift(Instant at, Duration by);
                LocalDate nextDay(LocalDate day);
                Color mix(Color first, Color second);
                Map<String, Map<String, List<Integer>>> nested(Map<String, Map<String, List<Integer>>> input);
                List<Item> none();
                String big(String text);
                Void nothing();
                List<? extends CharSequence> names();
                @Channel(value = "slow", deadlineMillis = 300)
                String slow(String gate);
                String waitFor(String gate);
            }
            """);

    private static final JavaFileObject SHOP_SERVICE = source("shop.ShopService", """
            package shop;

            import java.time.Duration;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.util.ArrayList;
            import java.util.Arrays;
            import java.util.LinkedHashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;
            import java.util.TreeSet;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;

            public final class ShopService implements Shop {
                public final BlockingQueue<String> log = new LinkedBlockingQueue<>();
                public final CountDownLatch gate = new CountDownLatch(1);

                @Override public Item get(String id) {
                    return new Item(id, null, List.of("a", "b"), Map.of("x", 1), new byte[] {1, 2, 3},
                            Instant.parse("2024-01-02T03:04:05.123456789Z"));
                }
                @Override public int count(List<String> ids) { return ids.size(); }
                @Override public long sum(int[] values, double factor, boolean negate, char marker, short small,
                        byte tiny, float ratio) {
                    long total = Arrays.stream(values).sum();
                    total = Math.round(total * factor) + marker + small + tiny + Math.round(ratio);
                    return negate ? -total : total;
                }
                @Override public CompletableFuture<Map<String, List<Item>>> groups(Set<String> tags) {
                    Map<String, List<Item>> result = new LinkedHashMap<>();
                    for (String tag : new TreeSet<>(tags)) {
                        result.put(tag, List.of(get(tag + "-1"), get(tag + "-2")));
                    }
                    return CompletableFuture.supplyAsync(() -> result);
                }
                @Override public CompletionStage<Void> touch(String id) {
                    log.add("touched " + id);
                    return CompletableFuture.completedFuture(null);
                }
                @Override public void log(String line) { log.add(line); }
                @Override public Optional<Item> find(String id) {
                    return id.equals("missing") ? Optional.empty() : Optional.of(get(id));
                }
                @Override public Item create(String id, byte[] data) throws ItemExistsException, SoldOutException {
                    if (id.equals("taken")) {
                        throw new ItemExistsException("item 'taken' exists already");
                    }
                    if (id.equals("last")) {
                        throw new SoldOutException();
                    }
                    return new Item(id, "new", List.of(), Map.of(), data, null);
                }
                @Override public CompletableFuture<Item> createLater(String id) throws ItemExistsException {
                    if (id.equals("taken")) {
                        return CompletableFuture.failedFuture(new ItemExistsException("later: 'taken' exists"));
                    }
                    return CompletableFuture.completedFuture(new Item(id, "later", List.of(), Map.of(), null, null));
                }
                @Override public String[] echo(String[] values) { return values; }
                @Override public String join(String... parts) { return String.join("+", parts); }
                @Override public Instant shift(Instant at, Duration by) { return at.plus(by); }
                @Override public LocalDate nextDay(LocalDate day) { return day.plusDays(1); }
                @Override public Color mix(Color first, Color second) {
                    return first == Color.RED && second == Color.GREEN ? Color.YELLOW : first;
                }
                @Override public Map<String, Map<String, List<Integer>>> nested(
                        Map<String, Map<String, List<Integer>>> input) {
                    return input;
                }
                @Override public List<Item> none() { return new ArrayList<>(); }
                @Override public String big(String text) { return text + text.length(); }
                @Override public Void nothing() { return null; }
                @Override public List<? extends CharSequence> names() { return List.of("ann", "bob"); }
                @Override public String slow(String gate) throws RuntimeException {
                    try {
                        this.gate.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return gate;
                }
                @Override public String waitFor(String gate) { return slow(gate); }
            }
            """);

    private static final JavaFileObject SHOP_RUN = source("shop.Run", """
            package shop;

            import static org.junit.jupiter.api.Assertions.assertArrayEquals;
            import static org.junit.jupiter.api.Assertions.assertEquals;
            import static org.junit.jupiter.api.Assertions.assertNull;
            import static org.junit.jupiter.api.Assertions.assertThrows;
            import static org.junit.jupiter.api.Assertions.assertTrue;

            import io.typedipc.processor.Scenario;
            import io.typedipc.runtime.IpcMain;
            import io.typedipc.runtime.IpcRenderer;
            import io.typedipc.runtime.IpcTimeoutException;
            import io.typedipc.runtime.Registration;
            import java.time.Duration;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.util.ArrayList;
            import java.util.LinkedHashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.TimeUnit;

            public final class Run implements Scenario {
                @Override
                public void run(IpcMain main, IpcRenderer renderer) throws Exception {
                    ShopService service = new ShopService();
                    Registration registration = ShopDispatcher.register(main, service);
                    try {
                        Shop shop = new ShopSender(renderer);

                        Item item = shop.get("id-1");
                        assertEquals("id-1", item.id());
                        assertNull(item.name());
                        assertEquals(List.of("a", "b"), item.tags());
                        assertEquals(Map.of("x", 1), item.counts());
                        assertArrayEquals(new byte[] {1, 2, 3}, item.data());
                        assertEquals(Instant.parse("2024-01-02T03:04:05.123456789Z"), item.created());

                        assertEquals(3, shop.count(List.of("a", "b", "c")));
                        assertEquals(0, shop.count(List.of()));
                        assertEquals(-(6 * 2 + 'A' + 7 + 1 + 3), shop.sum(new int[] {1, 2, 3}, 2.0, true, 'A',
                                (short) 7, (byte) 1, 2.6f));

                        Map<String, List<Item>> groups = shop.groups(Set.of("t1", "t2")).get(30, TimeUnit.SECONDS);
                        assertEquals(List.of("t1", "t2"), new ArrayList<>(groups.keySet()));
                        assertEquals("t2-2", groups.get("t2").get(1).id());
                        assertTrue(groups.get("t1").get(0) instanceof Item);

                        assertNull(shop.touch("x").toCompletableFuture().get(30, TimeUnit.SECONDS));
                        assertEquals("touched x", service.log.poll(30, TimeUnit.SECONDS));

                        shop.log("one-way ✓ ünïcödé 日本語 🚀");
                        assertEquals("one-way ✓ ünïcödé 日本語 🚀", service.log.poll(30, TimeUnit.SECONDS));

                        assertEquals(Optional.empty(), shop.find("missing"));
                        assertEquals("here", shop.find("here").orElseThrow().id());

                        Item created = shop.create("fresh", new byte[0]);
                        assertEquals("new", created.name());
                        assertEquals(List.of(), created.tags());
                        assertEquals(Map.of(), created.counts());
                        assertArrayEquals(new byte[0], created.data());
                        assertNull(created.created());
                        ItemExistsException exists = assertThrows(ItemExistsException.class,
                                () -> shop.create("taken", null));
                        assertEquals("item 'taken' exists already", exists.getMessage());
                        assertThrows(SoldOutException.class, () -> shop.create("last", null));

                        assertEquals("later", shop.createLater("ok").get(30, TimeUnit.SECONDS).name());
                        ExecutionException failed = assertThrows(ExecutionException.class,
                                () -> shop.createLater("taken").get(30, TimeUnit.SECONDS));
                        assertTrue(failed.getCause() instanceof ItemExistsException, String.valueOf(failed.getCause()));
                        assertEquals("later: 'taken' exists", failed.getCause().getMessage());
                        CompletionException joined = assertThrows(CompletionException.class,
                                () -> shop.createLater("taken").join());
                        assertTrue(joined.getCause() instanceof ItemExistsException);

                        assertArrayEquals(new String[] {"x"}, shop.echo(new String[] {"x"}));
                        assertArrayEquals(new String[] {"x", null, "z"}, shop.echo(new String[] {"x", null, "z"}));
                        assertArrayEquals(new String[0], shop.echo(new String[0]));
                        assertNull(shop.echo(null));
                        assertEquals("a+b+c", shop.join("a", "b", "c"));
                        assertEquals("", shop.join());

                        assertEquals(Instant.parse("2024-03-01T00:00:10Z"),
                                shop.shift(Instant.parse("2024-03-01T00:00:00Z"), Duration.ofSeconds(10)));
                        assertEquals(LocalDate.of(2024, 3, 1), shop.nextDay(LocalDate.of(2024, 2, 29)));
                        assertEquals(Color.YELLOW, shop.mix(Color.RED, Color.GREEN));
                        assertNull(shop.mix(null, null));

                        Map<String, Map<String, List<Integer>>> nested = new LinkedHashMap<>();
                        nested.put("outer", Map.of("inner", List.of(1, 2, 3), "empty", List.of()));
                        nested.put("none", Map.of());
                        Map<String, Map<String, List<Integer>>> back = shop.nested(nested);
                        assertEquals(nested, back);
                        Integer first = back.get("outer").get("inner").get(0);
                        assertEquals(1, first);

                        assertEquals(List.of(), shop.none());
                        String large = "é🚀".repeat(200_000);
                        assertEquals(large + large.length(), shop.big(large));
                        assertNull(shop.nothing());
                        assertEquals(List.of("ann", "bob"), shop.names());

                        // The channel's own deadline (300 ms) ends the call; the handler is released afterwards.
                        assertThrows(IpcTimeoutException.class, () -> shop.slow("late"));
                        // A sender's own deadline overrides the (default, 30 s) channel deadline.
                        ShopSender hurried = new ShopSender(renderer).withDeadline(Duration.ofMillis(300));
                        assertThrows(IpcTimeoutException.class, () -> hurried.waitFor("late"));
                        service.gate.countDown();
                        assertEquals("open", shop.waitFor("open"));
                        assertEquals("shop:slow", ShopSender.SLOW.channel());
                        assertEquals(Duration.ofMillis(300), ShopSender.SLOW.deadline());
                        assertNull(ShopSender.WAIT_FOR.deadline());
                        assertEquals(List.of("id", "data"), ShopSender.CREATE.parameterNames());
                    } finally {
                        registration.close();
                    }
                }
            }
            """);

    @Test
    void everyShapeAndDataTypeCrossesTheInProcessTransport() throws Exception {
        runScenario("shop.Run", ITEM, COLOR, ITEM_EXISTS, SOLD_OUT, SHOP, SHOP_SERVICE, SHOP_RUN);
    }

    /**
     * Senders are immutable: {@code withDeadline} returns another sender, and the original keeps its deadline. The
     * original's call is made after {@code withDeadline} and before the quick sender's; had {@code withDeadline}
     * changed the original, that call would have timed out first.
     */
    @Test
    void withDeadlineReturnsANewSenderAndLeavesTheOriginalAlone() throws Exception {
        JavaFileObject gate = source("gate.Gate", """
                package gate;

                import io.typedipc.Channel;
                import java.util.concurrent.CompletableFuture;

                @Channel("gate")
                public interface Gate {
                    CompletableFuture<String> open(String name);
                }
                """);
        JavaFileObject run = source("gate.Run", """
                package gate;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertInstanceOf;
                import static org.junit.jupiter.api.Assertions.assertNotSame;
                import static org.junit.jupiter.api.Assertions.assertThrows;

                import io.typedipc.processor.Scenario;
                import io.typedipc.runtime.IpcMain;
                import io.typedipc.runtime.IpcRenderer;
                import io.typedipc.runtime.IpcTimeoutException;
                import java.time.Duration;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.ExecutionException;
                import java.util.concurrent.TimeUnit;

                public final class Run implements Scenario {
                    @Override
                    public void run(IpcMain main, IpcRenderer renderer) throws Exception {
                        CompletableFuture<String> release = new CompletableFuture<>();
                        GateDispatcher.register(main, name -> release.thenApply(word -> name + " " + word));
                        GateSender base = new GateSender(renderer);
                        GateSender quick = base.withDeadline(Duration.ofMillis(200));
                        assertNotSame(base, quick);
                        CompletableFuture<String> patient = base.open("patient");
                        ExecutionException hasty = assertThrows(ExecutionException.class,
                                () -> quick.open("hasty").get(30, TimeUnit.SECONDS));
                        assertInstanceOf(IpcTimeoutException.class, hasty.getCause());
                        release.complete("through");
                        assertEquals("patient through", patient.get(30, TimeUnit.SECONDS));
                    }
                }
                """);
        runScenario("gate.Run", gate, run);
    }
}
