package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.PayloadSize;
import io.typedipc.benchmarks.harness.Transport;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The npm package {@code vscode-jsonrpc}, node to node over stdio: {@code benchmarks/node/driver.js} starts
 * {@code server.js} as its child and runs whole blocks of calls when this class asks (one JSON command line per
 * block), timing them itself, so this JVM adds nothing to a call. Needs {@code node} on the path (or
 * {@code -Dbench.node=...}) and {@code npm ci} in {@code benchmarks/node} ({@code run.sh} does it).
 */
public final class VscodeJsonrpcClient implements BenchClient {
    private static final JsonMapper MAPPER = JsonMapper.shared();
    private final Process driver;
    private final OutputStream commands;
    private final BufferedReader answers;
    private final List<Long> pids;

    public VscodeJsonrpcClient(Transport transport, PayloadSize size) throws IOException {
        if (transport != Transport.STDIO) {
            throw new IllegalArgumentException("vscode-jsonrpc is measured node to node over stdio, not " + transport);
        }
        Path dir = nodeDirectory();
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("vscode-jsonrpc"))) {
            throw new IOException("vscode-jsonrpc is not installed: run 'npm ci' in " + dir);
        }
        File log = new File(System.getProperty("java.io.tmpdir"), "typed-ipc-bench-server.log");
        driver = new ProcessBuilder(System.getProperty("bench.node", "node"), dir.resolve("driver.js").toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        commands = driver.getOutputStream();
        answers = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
        JsonNode started = ask(Map.of("cmd", "init", "payload", size.payload()));
        pids = List.of(started.get("driver").asLong(), started.get("server").asLong());
    }

    /** {@code benchmarks/node}: beside {@code target/} of the jar (or class directory) this class was loaded from. */
    private static Path nodeDirectory() throws IOException {
        String configured = System.getProperty("bench.node.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(VscodeJsonrpcClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().resolve("node");
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate benchmarks/node; set -Dbench.node.dir", e);
        }
    }

    private JsonNode ask(Map<String, Object> command) throws IOException {
        commands.write(MAPPER.writeValueAsBytes(command));
        commands.write('\n');
        commands.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the vscode-jsonrpc driver exited; see its stderr in the server log");
        }
        JsonNode answer = MAPPER.readTree(line);
        if (answer.has("error")) {
            throw new IOException("vscode-jsonrpc driver: " + answer.get("error").asString());
        }
        return answer;
    }

    @Override
    public Object roundTrip() throws Exception {
        long[] one = new long[1];
        roundTrips(one);
        return one[0];
    }

    @Override
    public void roundTrips(long[] times) throws IOException {
        JsonNode answer = ask(Map.of("cmd", "rt", "n", times.length)).get("times");
        for (int i = 0; i < times.length; i++) {
            times[i] = answer.get(i).asLong();
        }
    }

    @Override
    public Object pipelined(int window) throws Exception {
        return pipelinedBlock(window, 1);
    }

    @Override
    public long pipelinedBlock(int window, int windows) throws IOException {
        return ask(Map.of("cmd", "pl", "window", window, "windows", windows)).get("nanos").asLong();
    }

    @Override
    public Object oneWay(int count) throws Exception {
        return oneWayBlock(count, 1);
    }

    @Override
    public long oneWayBlock(int count, int bursts) throws IOException {
        return ask(Map.of("cmd", "ow", "count", count, "bursts", bursts)).get("nanos").asLong();
    }

    @Override
    public List<Long> processIds() {
        return pids;
    }

    @Override
    public boolean runsInThisProcess() {
        return false;
    }

    @Override
    public void close() throws Exception {
        commands.close();
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
            driver.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
