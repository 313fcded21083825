package io.typedipc.benchmarks;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.benchmarks.impl.BenchClient;
import io.typedipc.benchmarks.impl.Implementation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Blocking round-trip latency measured interleaved: every implementation is connected at once (each to its own
 * server), and the run alternates blocks of calls between them, rotating the order each round, so that the machine's
 * noise (other builds on a shared machine) falls on all of them alike. Reports, per implementation, the median over
 * rounds of each block's p50, the p99 of all calls, and the ratio of the p50 to the floor's and to LSP4J's. The first
 * two rounds are warm-up and not counted.
 *
 * <pre>java -cp benchmarks.jar io.typedipc.benchmarks.Interleaved [rounds] [callsPerBlock] [payload] [transports...]</pre>
 */
public final class Interleaved {
    private static final int WARMUP_ROUNDS = 2;

    private Interleaved() {
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
        System.out.printf(Locale.ROOT, "### Blocking round trip, interleaved: %s payload, %d rounds (%d counted) of "
                + "%d calls per implementation%n%n", size.name().toLowerCase(Locale.ROOT), rounds,
                rounds - WARMUP_ROUNDS, block);
        System.out.println("| transport | implementation | p50 µs (median of rounds) | p99 µs (all calls) | "
                + "p50 ÷ floor | p50 ÷ LSP4J |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
        for (Transport transport : transports) {
            measure(transport, size, rounds, block);
        }
    }

    private static void measure(Transport transport, PayloadSize size, int rounds, int block) throws Exception {
        Implementation[] impls = Implementation.values();
        Map<Implementation, BenchClient> clients = new EnumMap<>(Implementation.class);
        try {
            for (Implementation impl : impls) {
                clients.put(impl, impl.open(transport, size));
            }
            Map<Implementation, double[]> blockMedians = new EnumMap<>(Implementation.class);
            Map<Implementation, long[]> all = new EnumMap<>(Implementation.class);
            for (Implementation impl : impls) {
                blockMedians.put(impl, new double[rounds - WARMUP_ROUNDS]);
                all.put(impl, new long[(rounds - WARMUP_ROUNDS) * block]);
            }
            long[] times = new long[block];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < impls.length; k++) {
                    Implementation impl = impls[(round + k) % impls.length];
                    BenchClient client = clients.get(impl);
                    for (int i = 0; i < block; i++) {
                        long start = System.nanoTime();
                        client.roundTrip();
                        times[i] = System.nanoTime() - start;
                    }
                    if (round >= WARMUP_ROUNDS) {
                        int counted = round - WARMUP_ROUNDS;
                        System.arraycopy(times, 0, all.get(impl), counted * block, block);
                        long[] sorted = times.clone();
                        Arrays.sort(sorted);
                        blockMedians.get(impl)[counted] = sorted[block / 2];
                    }
                }
            }
            double floor = median(blockMedians.get(Implementation.FLOOR));
            double lsp4j = median(blockMedians.get(Implementation.LSP4J));
            for (Implementation impl : impls) {
                double p50 = median(blockMedians.get(impl));
                long[] sorted = all.get(impl).clone();
                Arrays.sort(sorted);
                double p99 = sorted[(int) (sorted.length * 0.99)];
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %.2f |%n",
                        transport.name().toLowerCase(Locale.ROOT), impl.name().toLowerCase(Locale.ROOT), p50 / 1000,
                        p99 / 1000, p50 / floor, p50 / lsp4j);
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
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
