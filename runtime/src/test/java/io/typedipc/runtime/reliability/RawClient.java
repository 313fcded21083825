package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.typedipc.runtime.transport.RawPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link RawPeer} over a real TCP loopback connection to a {@code SocketServer}: it writes whatever bytes a test
 * gives it and reads back frames as JSON trees on its own thread, so a test waits for a frame with a generous deadline
 * instead of blocking forever. Adds the handshake and the socket's half-close.
 */
final class RawClient implements AutoCloseable {
    static final long WAIT_SECONDS = 60;
    static final JsonMapper JSON = RawPeer.JSON;

    private final Socket socket;
    private final RawPeer peer;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.peer = new RawPeer(socket.getInputStream(), socket.getOutputStream(), socket, WAIT_SECONDS);
    }

    /** Connects to {@code tcp:127.0.0.1:port} and passes the handshake with {@code token}. */
    static RawClient connect(String address, String token) throws Exception {
        return connect(address, token, "raw");
    }

    /** As {@link #connect(String, String)}, as the renderer {@code name} (names are unique among connected ones). */
    static RawClient connect(String address, String token, String name) throws Exception {
        RawClient client = connectWithoutHello(address);
        client.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\"" + token
                + "\",\"name\":\"" + name + "\"}}");
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

    void send(String json) throws IOException {
        peer.send(json);
    }

    void sendBody(byte[] body) throws IOException {
        peer.sendBody(body);
    }

    void writeRaw(byte[] bytes) throws IOException {
        peer.writeRaw(bytes);
    }

    void writeAscii(String text) throws IOException {
        writeRaw(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Closes the sending half only: the peer sees the end of the stream, replies can still come. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    JsonNode next() throws InterruptedException {
        return peer.next();
    }

    JsonNode poll(long millis) throws InterruptedException {
        return peer.poll(millis);
    }

    boolean awaitEnd() throws InterruptedException {
        return peer.awaitEnd();
    }

    @Override
    public void close() throws IOException {
        peer.close();
    }
}
