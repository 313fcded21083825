package io.typedipc.benchmarks;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Allocation;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.benchmarks.harness.WakeUps;
import io.typedipc.benchmarks.impl.BenchClient;
import io.typedipc.benchmarks.impl.Implementation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every implementation measured in one interleaved run: on each transport, every implementation that runs there is
 * connected at once (each to its own server), and each round runs one block of blocking round trips, one block of
 * pipelined requests and one block of one-way messages on each implementation in turn, rotating the order every
 * round, so that the machine's noise (other builds on a shared machine) falls on all of them alike. The first two
 * rounds are warm-up and not counted.
 *
 * <p>Reported per implementation: the median over rounds of each round-trip block's p50, the p99 of all counted
 * calls, the pipelined and one-way rates (median over rounds), thread wake-ups per round trip / request / message
 * (voluntary context switches of every process taking part, from {@code /proc}: see {@link WakeUps}), and ratios
 * computed <em>per round</em> (Typed IPC's number of that round divided by this implementation's of the same round),
 * reported as their median.
 *
 * <pre>java -cp benchmarks.jar io.typedipc.benchmarks.Interleaved [rounds] [callsPerBlock] [payload] [transports...]</pre>
 *
 * <p>A block is {@code callsPerBlock} round trips, {@code callsPerBlock / 16} windows of 64 pipelined requests,
 * {@code callsPerBlock / 64} bursts of 256 one-way messages (each burst ended by a barrier round trip) and, for the
 * implementations that have one, {@code callsPerBlock} asynchronous requests awaited one at a time (invoke + join).
 * {@code -Dbench.impls=typed,lsp4j,...} limits the run to the implementations named.
 */
public final class Interleaved {
    private static final int WARMUP_ROUNDS = 2;
    private static final int WINDOW = 64;
    private static final int BURST = 256;

    private Interleaved() {
    }

    /** The per-round figures that ratios are taken of. */
    private enum Figure {
        P50, PIPELINED, ONE_WAY;

        double[] of(Series s) {
            return switch (this) {
                case P50 -> s.p50;
                case PIPELINED -> s.pipelinedRate;
                case ONE_WAY -> s.oneWayRate;
            };
        }
    }

    /** What one implementation measured on one transport, per counted round. */
    private static final class Series {
        final double[] p50;
        final long[] times;
        final double[] roundTripWakeUps;
        final double[] pipelinedRate;
        final double[] pipelinedWakeUps;
        final double[] oneWayRate;
        final double[] oneWayWakeUps;
        /** Asynchronous requests awaited one at a time (invoke + join); empty when the implementation has none. */
        final double[] asyncP50;
        final double[] asyncWakeUps;
        final double[] asyncBytes;
        boolean hasAsync;

        Series(int rounds, int block) {
            p50 = new double[rounds];
            times = new long[rounds * block];
            roundTripWakeUps = new double[rounds];
            pipelinedRate = new double[rounds];
            pipelinedWakeUps = new double[rounds];
            oneWayRate = new double[rounds];
            oneWayWakeUps = new double[rounds];
            asyncP50 = new double[rounds];
            asyncWakeUps = new double[rounds];
            asyncBytes = new double[rounds];
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        PayloadSize size = args.length > 2 ? PayloadSize.valueOf(args[2].toUpperCase(Locale.ROOT)) : PayloadSize.SMALL;
        List<Transport> transports = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            transports.add(Transport.parse(args[i]));
        }
        if (transports.isEmpty()) {
            transports.addAll(List.of(Transport.values()));
        }
        if (rounds <= WARMUP_ROUNDS) {
            throw new IllegalArgumentException("rounds must be more than the " + WARMUP_ROUNDS + " warm-up rounds");
        }
        Map<Transport, Map<Implementation, Series>> results = new EnumMap<>(Transport.class);
        List<String> notMeasured = new ArrayList<>();
        String loadAtStart = loadAverage();
        for (Transport transport : transports) {
            results.put(transport, measure(transport, size, rounds, block, notMeasured));
        }
        print(results, size, rounds, block, notMeasured);
        System.out.println();
        System.out.println("Load average (1, 5, 15 min) at the start: " + loadAtStart + "; at the end: " + loadAverage()
                + ".");
    }

    private static Map<Implementation, Series> measure(Transport transport, PayloadSize size, int rounds, int block,
            List<String> notMeasured) throws Exception {
        Map<Implementation, BenchClient> clients = new EnumMap<>(Implementation.class);
        Map<Implementation, Series> series = new EnumMap<>(Implementation.class);
        int counted = rounds - WARMUP_ROUNDS;
        int windows = Math.max(1, block / 16);
        int bursts = Math.max(1, block / 64);
        long self = ProcessHandle.current().pid();
        try {
            for (Implementation impl : Implementation.values()) {
                if (!impl.supports(transport) || !selected(impl)) {
                    continue;
                }
                try {
                    clients.put(impl, impl.open(transport, size));
                    series.put(impl, new Series(counted, block));
                } catch (Exception e) {
                    notMeasured.add(impl.label() + " over " + label(transport) + ": " + e.getMessage());
                }
            }
            List<Implementation> impls = new ArrayList<>(clients.keySet());
            long[] times = new long[block];
            long[] asyncTimes = new long[block];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < impls.size(); k++) {
                    Implementation impl = impls.get((round + k) % impls.size());
                    BenchClient client = clients.get(impl);
                    List<Long> pids = new ArrayList<>(client.processIds());
                    if (client.runsInThisProcess()) {
                        pids.add(self);
                    }
                    long before = WakeUps.count(pids);
                    client.roundTrips(times);
                    long afterRoundTrips = WakeUps.count(pids);
                    long pipelinedNanos = client.pipelinedBlock(WINDOW, windows);
                    long afterPipelined = WakeUps.count(pids);
                    long oneWayNanos = client.oneWayBlock(BURST, bursts);
                    long afterOneWay = WakeUps.count(pids);
                    long bytesBefore = Allocation.allThreads();
                    boolean async = client.asyncRoundTrips(asyncTimes);
                    long bytesAfter = Allocation.allThreads();
                    long afterAsync = WakeUps.count(pids);
                    if (round < WARMUP_ROUNDS) {
                        continue;
                    }
                    int r = round - WARMUP_ROUNDS;
                    Series s = series.get(impl);
                    System.arraycopy(times, 0, s.times, r * block, block);
                    long[] sorted = times.clone();
                    Arrays.sort(sorted);
                    s.p50[r] = sorted[block / 2];
                    s.roundTripWakeUps[r] = (afterRoundTrips - before) / (double) block;
                    s.pipelinedRate[r] = windows * (double) WINDOW * 1e9 / pipelinedNanos;
                    s.pipelinedWakeUps[r] = (afterPipelined - afterRoundTrips) / (windows * (double) WINDOW);
                    s.oneWayRate[r] = bursts * (double) BURST * 1e9 / oneWayNanos;
                    s.oneWayWakeUps[r] = (afterOneWay - afterPipelined) / (bursts * (double) BURST);
                    if (async) {
                        s.hasAsync = true;
                        long[] sortedAsync = asyncTimes.clone();
                        Arrays.sort(sortedAsync);
                        s.asyncP50[r] = sortedAsync[block / 2];
                        s.asyncWakeUps[r] = (afterAsync - afterOneWay) / (double) block;
                        s.asyncBytes[r] = bytesBefore < 0 ? Double.NaN : (bytesAfter - bytesBefore) / (double) block;
                    }
                }
            }
        } finally {
            for (BenchClient client : clients.values()) {
                try {
                    client.close();
                } catch (Exception e) {
                    System.err.println("closing " + client + " failed: " + e);
                }
            }
        }
        return series;
    }

    private static void print(Map<Transport, Map<Implementation, Series>> results, PayloadSize size, int rounds,
            int block, List<String> notMeasured) {
        String wakeUpsNote = WakeUps.available() ? "" : " (no /proc here: wake-ups not measured)";
        System.out.printf(Locale.ROOT, "### Interleaved: %s payload, %d rounds (%d counted); a block is %d round trips, "
                + "%d × %d pipelined requests, %d × %d one-way messages%s%n%n", size.name().toLowerCase(Locale.ROOT),
                rounds, rounds - WARMUP_ROUNDS, block, Math.max(1, block / 16), WINDOW, Math.max(1, block / 64), BURST,
                wakeUpsNote);
        System.out.println("Ratios are per round (this round's numbers of the two implementations), then the median "
                + "over rounds. \"typed ÷ this\": for latency below 1 means Typed IPC is faster; for rates above 1. "
                + "Wake-ups: voluntary context switches of every process taking part, per call or message.");
        System.out.println();
        System.out.println("#### Blocking round trip");
        System.out.println();
        System.out.println("| transport | implementation | p50 µs (median of rounds) | p99 µs (all calls) | "
                + "wake-ups per round trip | p50 ÷ floor | typed p50 ÷ this |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Map.Entry<Transport, Map<Implementation, Series>> entry : results.entrySet()) {
            Map<Implementation, Series> byImpl = entry.getValue();
            for (Map.Entry<Implementation, Series> row : byImpl.entrySet()) {
                Series s = row.getValue();
                long[] sorted = s.times.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %s | %s |%n", label(entry.getKey()),
                        row.getKey().label(), median(s.p50) / 1000, sorted[(int) (sorted.length * 0.99)] / 1000.0,
                        median(s.roundTripWakeUps), ratio(s, byImpl.get(Implementation.FLOOR), Figure.P50),
                        ratio(byImpl.get(Implementation.TYPED), s, Figure.P50));
            }
        }
        rateTable("Pipelined asynchronous requests (64 in flight)", "requests/s", "wake-ups per request", results,
                true);
        rateTable("One-way messages (256 per barrier round trip)", "messages/s", "wake-ups per message", results,
                false);
        asyncTable(results);
        if (!notMeasured.isEmpty()) {
            System.out.println();
            System.out.println("Not measured:");
            System.out.println();
            notMeasured.forEach(line -> System.out.println("- " + line));
        }
    }

    private static void rateTable(String title, String unit, String wakeUps,
            Map<Transport, Map<Implementation, Series>> results, boolean pipelined) {
        System.out.println();
        System.out.println("#### " + title);
        System.out.println();
        System.out.println("| transport | implementation | " + unit + " (median of rounds) | " + wakeUps
                + " | this ÷ floor | typed ÷ this |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
        for (Map.Entry<Transport, Map<Implementation, Series>> entry : results.entrySet()) {
            Map<Implementation, Series> byImpl = entry.getValue();
            for (Map.Entry<Implementation, Series> row : byImpl.entrySet()) {
                Series s = row.getValue();
                double[] rate = pipelined ? s.pipelinedRate : s.oneWayRate;
                double[] wake = pipelined ? s.pipelinedWakeUps : s.oneWayWakeUps;
                Figure figure = pipelined ? Figure.PIPELINED : Figure.ONE_WAY;
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.3f | %s | %s |%n", label(entry.getKey()),
                        row.getKey().label(), median(rate), median(wake),
                        ratio(s, byImpl.get(Implementation.FLOOR), figure),
                        ratio(byImpl.get(Implementation.TYPED), s, figure));
            }
        }
    }

    private static void asyncTable(Map<Transport, Map<Implementation, Series>> results) {
        System.out.println();
        System.out.println("#### Asynchronous request awaited on the calling thread (invoke, then join; one at a time)");
        System.out.println();
        System.out.println("| transport | implementation | p50 µs (median of rounds) | wake-ups per request | "
                + "p50 ÷ its own blocking p50 | bytes allocated per request (this JVM, all threads) |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
        for (Map.Entry<Transport, Map<Implementation, Series>> entry : results.entrySet()) {
            for (Map.Entry<Implementation, Series> row : entry.getValue().entrySet()) {
                Series s = row.getValue();
                if (!s.hasAsync) {
                    continue;
                }
                double[] ratios = new double[s.p50.length];
                for (int i = 0; i < ratios.length; i++) {
                    ratios[i] = s.asyncP50[i] / s.p50[i];
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.2f | %.2f | %,.0f |%n", label(entry.getKey()),
                        row.getKey().label(), median(s.asyncP50) / 1000, median(s.asyncWakeUps), median(ratios),
                        median(s.asyncBytes));
            }
        }
    }

    /** The median over rounds of {@code a}'s figure divided by {@code b}'s of the same round; "—" if one is missing. */
    private static String ratio(Series a, Series b, Figure figure) {
        if (a == null || b == null) {
            return "—";
        }
        double[] x = figure.of(a);
        double[] y = figure.of(b);
        double[] ratios = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ratios[i] = x[i] / y[i];
        }
        double value = median(ratios);
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 0.1 ? "%.2f" : "%.3f", value);
    }

    /**
     * Whether {@code impl} is measured: all are, unless the system property {@code bench.impls} names some
     * (comma-separated labels, e.g. {@code -Dbench.impls=typed,typed-direct,lsp4j}) for a shorter run of a slice.
     */
    private static boolean selected(Implementation impl) {
        String only = System.getProperty("bench.impls", "").trim();
        return only.isEmpty() || List.of(only.split("\\s*,\\s*")).contains(impl.label());
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String label(Transport transport) {
        return transport.name().toLowerCase(Locale.ROOT);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
