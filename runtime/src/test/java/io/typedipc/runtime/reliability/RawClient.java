package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.typedipc.runtime.wire.FrameReader;
import io.typedipc.runtime.wire.WireLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A peer that writes whatever bytes a test gives it over a real TCP loopback connection to a {@code SocketServer},
 * and reads back frames as JSON trees on its own thread, so a test waits for a frame with a generous deadline
 * instead of blocking forever.
 */
final class RawClient implements AutoCloseable {
    static final long WAIT_SECONDS = 60;
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode END = JSON.getNodeFactory().stringNode("<end of stream>");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to {@code tcp:127.0.0.1:port} and passes the handshake with {@code token}. */
    static RawClient connect(String address, String token) throws Exception {
        RawClient client = connectWithoutHello(address);
        client.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\"" + token
                + "\",\"name\":\"raw\"}}");
        JsonNode reply = client.next();
        assertEquals("typed-ipc/1", reply.path("result").path("protocol").asString(), "handshake: " + reply);
        return client;
    }

    /** Connects to {@code tcp:127.0.0.1:port} without a handshake. */
    static RawClient connectWithoutHello(String address) throws IOException {
        String hostPort = address.substring("tcp:".length());
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        return new RawClient(socket);
    }

    private void readLoop() {
        FrameReader frames = new FrameReader(in, WireLimits.defaults());
        try {
            byte[] frame;
            while ((frame = frames.read()) != null) {
                received.add(JSON.readTree(frame));
            }
        } catch (IOException | RuntimeException e) {
            // a reset connection is an end of stream for a test's purposes
        }
        received.add(END);
    }

    /** Writes {@code json} as one framed message (UTF-8). */
    void send(String json) throws IOException {
        sendBody(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code body} as one framed message, bytes as they are. */
    void sendBody(byte[] body) throws IOException {
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + body.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        writeRaw(frame);
    }

    synchronized void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void writeAscii(String text) throws IOException {
        writeRaw(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Closes the sending half only: the peer sees the end of the stream, replies can still come. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next frame; fails the test if none comes within {@link #WAIT_SECONDS} or the stream ended. */
    JsonNode next() throws InterruptedException {
        JsonNode node = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(node, "no frame within " + WAIT_SECONDS + " s");
        if (node == END) {
            throw new AssertionError("the stream ended instead of a frame");
        }
        return node;
    }

    /** The next frame if one comes within {@code millis}, else {@code null}; fails if the stream ended. */
    JsonNode poll(long millis) throws InterruptedException {
        JsonNode node = received.poll(millis, TimeUnit.MILLISECONDS);
        if (node == END) {
            throw new AssertionError("the stream ended instead of a frame");
        }
        return node;
    }

    /** Whether the stream ends (frames still to come are skipped) within {@link #WAIT_SECONDS}. */
    boolean awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            JsonNode node = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (node == null) {
                return false;
            }
            if (node == END) {
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
