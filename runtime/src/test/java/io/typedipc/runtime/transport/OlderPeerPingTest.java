package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.PingResult;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.transport.spi.InProcessLink;
import io.typedipc.runtime.transport.spi.Link;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A peer that does not know {@code $/ping} — a Typed IPC runtime from before it, or any JSON-RPC library — answers
 * it as it answers every unknown method, with {@code -32601}, or (LSP4J) with a {@code null} result: ping reports it
 * alive, {@code supported() == false}.
 */
class OlderPeerPingTest {

    /** The other end of a link that answers every request with the given error, as a JSON-RPC peer does. */
    private static InProcessLink answeringEveryRequestWith(int code) {
        return answeringEveryRequest(message -> "\"error\":{\"code\":" + code + ",\"message\":\"Unhandled method "
                + message.get("method").asString() + "\"}");
    }

    /** The other end of a link that answers every request with {@code "result": <reply>} (JSON text). */
    private static InProcessLink answeringEveryRequestWithResult(String result) {
        return answeringEveryRequest(message -> "\"result\":" + result);
    }

    private static InProcessLink answeringEveryRequest(Function<JsonNode, String> answer) {
        InProcessLink[] ends = InProcessLink.pair("older peer");
        ends[1].start(new Link.Listener() {
            @Override
            public void onFrame(byte[] frame) {
                JsonNode message = RawPeer.JSON.readTree(frame);
                if (message.has("id") && message.has("method")) {
                    String reply = "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + "," + answer.apply(message) + "}";
                    try {
                        ends[1].send(reply.getBytes(StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void onClose(Throwable cause) {
            }
        });
        return ends[0];
    }

    @Test
    void aPeerThatAnswersMethodNotFoundIsAliveButDoesNotSupportPing() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            RendererHandle older = main.attach(answeringEveryRequestWith(-32601), "older");
            PingResult result = older.ping(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
            assertFalse(result.supported());
            assertFalse(result.roundTrip().isNegative());
        }
    }

    @Test
    void aPeerThatAnswersUnknownProtocolRequestsWithNullIsAliveButDoesNotSupportPing() throws Exception {
        // LSP4J answers every request for a "$/" method it does not have with a null result (its optional methods).
        try (IpcMain main = IpcMain.create()) {
            RendererHandle lenient = main.attach(answeringEveryRequestWithResult("null"), "lenient");
            PingResult result = lenient.ping(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
            assertFalse(result.supported());
            assertFalse(result.roundTrip().isNegative());
        }
    }

    @Test
    void anObjectAnswerIsAPeerThatSupportsPingWhateverMembersItHas() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            RendererHandle newer = main.attach(answeringEveryRequestWithResult("{\"load\":0.5}"), "newer");
            assertTrue(newer.ping(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS).supported());
        }
    }

    @Test
    void anyOtherErrorIsAFailedPing() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            RendererHandle broken = main.attach(answeringEveryRequestWith(-32603), "broken");
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> broken.ping(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(RemoteException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("$/ping"), failed.getCause().getMessage());
        }
    }
}
