package io.typedipc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result file of {@link IpcBenchmark} into the markdown tables of docs/benchmarks.md: medians side by
 * side, ratios to the floor and to LSP4J, allocation per operation, and the targets checked.
 *
 * <pre>java -cp benchmarks.jar io.typedipc.benchmarks.Report results/full.json</pre>
 */
public final class Report {
    private static final String[] IMPLS = {"floor", "jackson", "lsp4j", "typed", "untyped"};
    private static final String[] TRANSPORTS = {"inproc", "stdio", "uds", "tcp"};
    private static final String[] PAYLOADS = {"small", "kb1", "kb64"};

    /** One benchmark, one parameter set. */
    private record Result(double score, double p50, double p99, double p999, double allocPerOp) {
    }

    private final Map<String, Result> results = new LinkedHashMap<>();
    private final PrintStream out;

    private Report(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Report report = new Report(System.out);
        report.load(Path.of(args[0]));
        report.print();
    }

    private static String key(String bench, String transport, String payload, String impl) {
        return bench + "/" + transport + "/" + payload + "/" + impl;
    }

    private void load(Path file) {
        JsonNode root = JsonMapper.shared().readTree(file.toFile());
        for (JsonNode run : root) {
            String benchmark = run.path("benchmark").asString();
            String bench = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            JsonNode params = run.path("params");
            JsonNode primary = run.path("primaryMetric");
            JsonNode percentiles = primary.path("scorePercentiles");
            List<Double> raw = new ArrayList<>();
            for (JsonNode fork : primary.path("rawData")) {
                for (JsonNode value : fork) {
                    raw.add(value.asDouble());
                }
            }
            double score = "sample".equals(run.path("mode").asString()) || raw.isEmpty()
                    ? primary.path("score").asDouble()
                    : median(raw);
            double alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
            results.put(key(bench, params.path("transport").asString(), params.path("payload").asString(),
                    params.path("impl").asString()),
                    new Result(score, percentiles.path("50.0").asDouble(Double.NaN),
                            percentiles.path("99.0").asDouble(Double.NaN),
                            percentiles.path("99.9").asDouble(Double.NaN), alloc));
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private Result get(String bench, String transport, String payload, String impl) {
        return results.get(key(bench, transport, payload, impl));
    }

    private void print() {
        out.println("### Blocking round trip: p50 in µs (p99 / p99.9 below)");
        out.println();
        header("typed p50 ÷ floor", "typed p50 ÷ LSP4J", "typed p50 ÷ untyped");
        forEachRow((transport, payload) -> {
            StringBuilder row = rowStart(transport, payload);
            for (String impl : IMPLS) {
                Result r = get("roundTrip", transport, payload, impl);
                row.append(r == null ? " – |" : String.format(Locale.ROOT, " **%s** (%s / %s) |", num(r.p50),
                        num(r.p99), num(r.p999)));
            }
            row.append(ratio("roundTrip", transport, payload, "floor", true))
                    .append(ratio("roundTrip", transport, payload, "lsp4j", true))
                    .append(ratio("roundTrip", transport, payload, "untyped", true));
            return row.toString();
        });
        throughputTable("pipelined", "### Pipelined asynchronous requests (64 in flight): median requests/s");
        throughputTable("oneWay", "### One-way messages (256 per barrier round trip): median messages/s");
        allocationTable();
        targets();
    }

    private void throughputTable(String bench, String title) {
        out.println();
        out.println(title);
        out.println();
        header("typed ÷ floor", "typed ÷ LSP4J", "typed ÷ untyped");
        forEachRow((transport, payload) -> {
            StringBuilder row = rowStart(transport, payload);
            for (String impl : IMPLS) {
                Result r = get(bench, transport, payload, impl);
                row.append(r == null ? " – |" : " " + num(r.score) + " |");
            }
            row.append(ratio(bench, transport, payload, "floor", false))
                    .append(ratio(bench, transport, payload, "lsp4j", false))
                    .append(ratio(bench, transport, payload, "untyped", false));
            return row.toString();
        });
    }

    private void allocationTable() {
        out.println();
        out.println("### Allocation per operation (gc.alloc.rate.norm, bytes; benchmark JVM only — in process that is "
                + "both ends)");
        out.println();
        out.println("| benchmark | transport | payload | floor | jackson | lsp4j | typed | untyped |");
        out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (String bench : new String[] {"roundTrip", "pipelined", "oneWay"}) {
            for (String transport : TRANSPORTS) {
                for (String payload : PAYLOADS) {
                    if (!hasAny(bench, transport, payload)) {
                        continue;
                    }
                    StringBuilder row = new StringBuilder("| " + bench + " | " + transport + " | " + payload + " |");
                    for (String impl : IMPLS) {
                        Result r = get(bench, transport, payload, impl);
                        row.append(r == null || Double.isNaN(r.allocPerOp) ? " – |"
                                : String.format(Locale.ROOT, " %.0f |", r.allocPerOp));
                    }
                    out.println(row);
                }
            }
        }
    }

    private void targets() {
        out.println();
        out.println("### The issue's targets, checked against this run");
        out.println();
        out.println("| target | case | measured | verdict |");
        out.println("| --- | --- | --- | --- |");
        for (String transport : new String[] {"stdio", "uds", "tcp"}) {
            Result typed = get("pipelined", transport, "small", "typed");
            Result lsp4j = get("pipelined", transport, "small", "lsp4j");
            Result floor = get("pipelined", transport, "small", "floor");
            if (typed != null && lsp4j != null) {
                verdict("pipelined small ≥ 8× LSP4J", transport, typed.score / lsp4j.score, "×", typed.score >= 8 * lsp4j.score);
            }
            if (typed != null && floor != null) {
                verdict("pipelined small ≥ 40% of floor", transport, 100 * typed.score / floor.score, "%",
                        typed.score >= 0.4 * floor.score);
            }
        }
        for (String transport : new String[] {"stdio", "uds", "tcp"}) {
            for (String payload : PAYLOADS) {
                Result typed = get("oneWay", transport, payload, "typed");
                Result floor = get("oneWay", transport, payload, "floor");
                if (typed != null && floor != null) {
                    verdict("one-way ≥ 60% of floor", transport + " " + payload, 100 * typed.score / floor.score, "%",
                            typed.score >= 0.6 * floor.score);
                }
            }
        }
        for (String transport : TRANSPORTS) {
            Result typed = get("roundTrip", transport, "small", "typed");
            Result floor = get("roundTrip", transport, "small", "floor");
            if (typed != null && floor != null) {
                verdict("blocking p50 ≤ 1.2× floor (JMH, not interleaved)", transport + " small", typed.p50 / floor.p50,
                        "×", typed.p50 <= 1.2 * floor.p50);
            }
        }
        Result inprocRoundTrip = get("roundTrip", "inproc", "small", "typed");
        if (inprocRoundTrip != null) {
            verdict("in-process blocking p50 ≤ 10 µs", "inproc small", inprocRoundTrip.p50, " µs",
                    inprocRoundTrip.p50 <= 10);
        }
        Result inprocOneWay = get("oneWay", "inproc", "small", "typed");
        if (inprocOneWay != null) {
            verdict("in-process one-way ≥ 1,000,000/s", "inproc small", inprocOneWay.score, "/s",
                    inprocOneWay.score >= 1_000_000);
        }
        for (String transport : TRANSPORTS) {
            Result typed = get("roundTrip", transport, "small", "typed");
            if (typed != null && !Double.isNaN(typed.allocPerOp)) {
                verdict("≤ 1 KB allocated per small round trip", transport, typed.allocPerOp, " B",
                        typed.allocPerOp <= 1024);
            }
        }
        for (String bench : new String[] {"roundTrip", "pipelined", "oneWay"}) {
            for (String transport : TRANSPORTS) {
                for (String payload : PAYLOADS) {
                    Result typed = get(bench, transport, payload, "typed");
                    Result untyped = get(bench, transport, payload, "untyped");
                    if (typed == null || untyped == null) {
                        continue;
                    }
                    boolean latency = bench.equals("roundTrip");
                    double relative = latency ? typed.p50 / untyped.p50 : typed.score / untyped.score;
                    // "Never slower" within this run's noise: a 10% margin.
                    boolean met = latency ? relative <= 1.10 : relative >= 0.90;
                    verdict("generated not slower than untyped (" + (latency ? "p50 ratio" : "rate ratio") + ")",
                            bench + " " + transport + " " + payload, relative, "×", met);
                }
            }
        }
    }

    private void verdict(String target, String scenario, double value, String unit, boolean met) {
        out.printf(Locale.ROOT, "| %s | %s | %s%s | %s |%n", target, scenario, num(value), unit,
                met ? "met" : "**missed**");
    }

    private interface Row {
        String render(String transport, String payload);
    }

    private void header(String... ratios) {
        StringBuilder head = new StringBuilder("| transport | payload |");
        StringBuilder rule = new StringBuilder("| --- | --- |");
        for (String impl : IMPLS) {
            head.append(' ').append(impl).append(" |");
            rule.append(" ---: |");
        }
        for (String ratio : ratios) {
            head.append(' ').append(ratio).append(" |");
            rule.append(" ---: |");
        }
        out.println(head);
        out.println(rule);
    }

    private void forEachRow(Row row) {
        for (String transport : TRANSPORTS) {
            for (String payload : PAYLOADS) {
                if (hasAny("roundTrip", transport, payload) || hasAny("pipelined", transport, payload)
                        || hasAny("oneWay", transport, payload)) {
                    out.println(row.render(transport, payload));
                }
            }
        }
    }

    private boolean hasAny(String bench, String transport, String payload) {
        for (String impl : IMPLS) {
            if (get(bench, transport, payload, impl) != null) {
                return true;
            }
        }
        return false;
    }

    private static StringBuilder rowStart(String transport, String payload) {
        return new StringBuilder("| " + transport + " | " + payload + " |");
    }

    private String ratio(String bench, String transport, String payload, String other, boolean latency) {
        Result typed = get(bench, transport, payload, "typed");
        Result base = get(bench, transport, payload, other);
        if (typed == null || base == null) {
            return " – |";
        }
        double value = latency ? typed.p50 / base.p50 : typed.score / base.score;
        return String.format(Locale.ROOT, " %.2f |", value);
    }

    private static String num(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
