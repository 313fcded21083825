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

    private RawClient(Socket socket, boolean readNow) throws IOException {
        this.socket = socket;
        this.peer = new RawPeer(socket.getInputStream(), socket.getOutputStream(), socket, WAIT_SECONDS, readNow);
    }

    /** Connects to {@code tcp:127.0.0.1:port} and passes the handshake with {@code token}. */
    static RawClient connect(String address, String token) throws Exception {
        return connect(address, token, "raw");
    }

    /** As {@link #connect(String, String)}, as the renderer {@code name} (names are unique among connected ones). */
    static RawClient connect(String address, String token, String name) throws Exception {
        RawClient client = connectWithoutHello(address);
        client.send(hello(token, name));
        JsonNode reply = client.next();
        assertEquals("typed-ipc/1", reply.path("result").path("protocol").asString(), "handshake: " + reply);
        return client;
    }

    /**
     * Connects and sends the handshake, but reads nothing — not even the handshake's reply — until
     * {@link #startReading()}; its socket's receive buffer is small, so what main sends soon waits in main's own
     * outgoing queue. The first frame read is then the handshake's reply.
     */
    static RawClient connectNotReading(String address, String token, String name) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so the TCP window is small too
        RawClient client = new RawClient(connect(socket, address), false);
        client.send(hello(token, name));
        return client;
    }

    /** Connects to {@code tcp:127.0.0.1:port} without a handshake. */
    static RawClient connectWithoutHello(String address) throws IOException {
        return new RawClient(connect(new Socket(), address), true);
    }

    private static Socket connect(Socket socket, String address) throws IOException {
        String hostPort = address.substring("tcp:".length());
        int colon = hostPort.lastIndexOf(':');
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        return socket;
    }

    private static String hello(String token, String name) {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\"" + token
                + "\",\"name\":\"" + name + "\"}}";
    }

    void startReading() {
        peer.startReading();
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
