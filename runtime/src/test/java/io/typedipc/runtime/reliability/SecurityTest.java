package io.typedipc.runtime.reliability;

import io.typedipc.runtime.CallOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;

/** The security defaults: each is on without configuration, and each is checked here over a real connection. */
class SecurityTest {

    /** A parameter type a polymorphic attack would try to swap for a gadget class. */
    record Payload(String name, Serializable value) {}

    static final MethodDescriptor<String> INSPECT = MethodDescriptor.<String>builder("sec:inspect",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("value", TypeRecipe.of(Object.class))
            .result(TypeRecipe.of(String.class))
            .build();

    @Test
    void jacksonHonoursNoTypeInformationFromThePeer() throws Exception {
        try (ServedMain served = new ServedMain(); RawClient raw = served.raw()) {
            served.main.register(List.of(Binding.handler(INSPECT, (event, a) -> a[0] == null ? "null" : a[0].getClass().getName())));
            // "@class" (default typing as a property), a [class, value] wrapper array, and a typed record parameter.
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sec:inspect\",\"params\":[{\"@class\":\"java.io.File\",\"path\":\"/etc/passwd\"}]}");
            assertEquals("java.util.LinkedHashMap", raw.next().path("result").asString());
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"sec:inspect\",\"params\":[[\"java.io.File\",\"/etc/passwd\"]]}");
            assertEquals("java.util.ArrayList", raw.next().path("result").asString());
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"rel:echo\",\"params\":[{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]}]}");
            JsonNode echoed = raw.next().path("result");
            assertEquals("java.lang.ProcessBuilder", echoed.path("@class").asString(), "came back as plain data");
            served.main.register(List.of(Binding.handler(MethodDescriptor.<String>builder("sec:payload",
                            MethodDescriptor.Kind.BLOCKING).parameter("p", TypeRecipe.of(Payload.class))
                    .result(TypeRecipe.of(String.class)).build(), (event, a) -> ((Payload) a[0]).value().getClass().getName())));
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"sec:payload\",\"params\":[{\"name\":\"n\",\"value\":"
                    + "{\"@class\":\"java.io.File\",\"path\":\"/tmp\"}}]}");
            assertEquals("java.util.LinkedHashMap", raw.next().path("result").asString(),
                    "a Serializable field holds plain data, never a class the peer names");
            // And the default mapper has no default typing configured at all.
            assertEquals(null, IpcSettings.defaultMapper().deserializationConfig()
                    .getDefaultTyper(IpcSettings.defaultMapper().constructType(Object.class)));
        }
    }

    @Test
    void noStackTraceCrossesTheWireUnlessTheServerOptsIn() throws Exception {
        try (ServedMain served = new ServedMain(); RawClient raw = served.raw()) {
            served.main.handle("sec:fail", (event, a) -> {
                throw new IllegalArgumentException("secret internals");
            });
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sec:fail\",\"params\":[]}");
            JsonNode error = raw.next().path("error");
            assertEquals(ErrorCodes.APPLICATION_ERROR, error.path("code").asInt());
            assertEquals(IllegalArgumentException.class.getName(), error.path("data").path("type").asString());
            assertTrue(error.path("data").path("stackTrace").isMissingNode(), error.toString());
            assertFalse(error.toString().contains("SecurityTest"), "no frame of the server's code: " + error);
        }
        try (ServedMain optedIn = new ServedMain(IpcSettings.builder().sendStackTraces(true).build())) {
            optedIn.main.handle("sec:fail", (event, a) -> {
                throw new IllegalArgumentException("shown on purpose");
            });
            RemoteException e = assertThrows(RemoteException.class, () -> optedIn.healthy.sendSync("sec:fail"));
            assertNotNull(e.remoteStackTrace());
            assertTrue(e.remoteStackTrace().contains("SecurityTest"));
        }
    }

    @Test
    void socketsRefuseAConnectionWithoutTheTokenBeforeAnyChannelIsReachable() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            main.handle("sec:secret", (event, a) -> reached.incrementAndGet());
            main.on("sec:note", (event, a) -> reached.incrementAndGet());
            // A request instead of the handshake.
            try (RawClient raw = RawClient.connectWithoutHello(server.address())) {
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sec:secret\",\"params\":[]}");
                assertRefused(raw, 1);
            }
            // A notification first, then a request: nothing is read past the first frame.
            try (RawClient raw = RawClient.connectWithoutHello(server.address())) {
                raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"sec:note\",\"params\":[]}");
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"sec:secret\",\"params\":[]}");
                JsonNode reply = raw.next();
                assertTrue(reply.path("error").path("message").asString().startsWith("handshake refused"), reply.toString());
                assertTrue(raw.awaitEnd());
            }
            // The handshake with a wrong token, and with none.
            for (String params : List.of("{\"token\":\"" + "A".repeat(43) + "\",\"name\":\"x\"}", "{\"name\":\"x\"}")) {
                try (RawClient raw = RawClient.connectWithoutHello(server.address())) {
                    raw.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"$/hello\",\"params\":" + params + "}");
                    assertRefused(raw, 3);
                }
            }
            assertThrows(IOException.class,
                    () -> SocketTransport.connect(server.address(), "wrong", "intruder", IpcSettings.defaults()));
            assertEquals(0, reached.get(), "no channel was reached");
            assertTrue(main.renderers().isEmpty(), "no renderer was attached");
        }
    }

    private static void assertRefused(RawClient raw, long id) throws InterruptedException {
        JsonNode reply = raw.next();
        assertEquals(ErrorCodes.INVALID_REQUEST, reply.path("error").path("code").asInt(), reply.toString());
        assertEquals(id, reply.path("id").asLong());
        assertTrue(reply.path("error").path("message").asString().startsWith("handshake refused"), reply.toString());
        assertTrue(raw.awaitEnd(), "the connection is closed");
    }

    @Test
    void theUnixSocketFileAndItsFolderAreOwnerOnly(@TempDir Path parent) throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenUnix(main, parent)) {
            Path socket = server.socketFile();
            assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(socket.getParent()));
            assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(socket));
            try (IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "owner",
                    IpcSettings.defaults())) {
                main.handle("sec:ping", (event, a) -> "pong");
                assertEquals("pong", renderer.sendSync("sec:ping"));
            }
        }
    }

    @Test
    void aRendererReachesOnlyTheChannelsMainRegistered() throws Exception {
        try (ServedMain served = new ServedMain(); RawClient raw = served.raw()) {
            List<String> notRegistered = List.of("java.lang.Runtime:exec", "getClass", "rel:echo.getClass",
                    "toString", "hashCode", "io.typedipc.runtime.IpcMain:close", "$/hello", "$/anything", "rel:ECHO",
                    "rel:echo ", "");
            long id = 100;
            for (String method : notRegistered) {
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":" + RawClient.JSON.writeValueAsString(method)
                        + ",\"params\":[]}");
                JsonNode reply = raw.next();
                assertEquals(ErrorCodes.METHOD_NOT_FOUND, reply.path("error").path("code").asInt(), method + ": " + reply);
                assertEquals(id++, reply.path("id").asLong());
            }
            assertTrue(served.main.isClosing() == false && served.healthy.isConnected());
            served.assertStillServing();
        }
    }

    @Test
    void aHandlerCanCheckTheSender() throws Exception {
        try (ServedMain served = new ServedMain()) {
            served.main.handle("sec:admin", (event, a) -> {
                if (!event.senderName().equals("healthy") || event.senderHandle().isEmpty()) {
                    throw new SecurityException("refused for " + event.senderName() + "#" + event.senderId());
                }
                return "granted to " + IpcEvent.current().senderName() + "#" + IpcEvent.current().senderId();
            });
            int healthyId = served.main.renderer("healthy").orElseThrow().id();
            assertEquals("granted to healthy#" + healthyId, served.healthy.sendSync("sec:admin"));
            try (IpcRenderer other = SocketTransport.connect(served.server.address(), served.server.token(), "panel",
                    IpcSettings.defaults())) {
                RemoteException e = assertThrows(RemoteException.class, () -> other.sendSync("sec:admin"));
                assertEquals(SecurityException.class.getName(), e.remoteType());
                assertTrue(e.getMessage().contains("refused for panel#"), e.getMessage());
            }
        }
    }

    /**
     * The limits a main made without settings applies, seen at their boundaries over a real connection: the value
     * itself is accepted and one more is refused, or the refusal names the documented value. What no test can send
     * cheaply (16 MiB strings, 64 MiB queues, 30 s waits) is checked as the documented value of the defaults.
     */
    @Test
    void everyLimitIsOnByDefault() throws Exception {
        try (ServedMain served = new ServedMain(); RawClient raw = served.raw()) {
            // Nesting 128 deep, the envelope included: the object, params, then 126 arrays.
            raw.send(nested(1, 126));
            assertEquals(1, raw.next().path("id").asInt(), "128 deep is accepted");
            raw.send(nested(2, 127));
            JsonNode tooDeep = raw.next();
            BadInputTest.assertError(tooDeep, ErrorCodes.INVALID_REQUEST, 2L);
            assertTrue(tooDeep.path("error").path("message").asString().contains("128"), tooDeep.toString());
            // Numbers of 200 digits pass, 201 do not.
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"rel:echo\",\"params\":[" + "9".repeat(200) + "]}");
            assertEquals("9".repeat(200), raw.next().path("result").asString(), "200 digits are accepted");
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"rel:echo\",\"params\":[" + "9".repeat(201) + "]}");
            BadInputTest.assertError(raw.next(), ErrorCodes.INVALID_REQUEST, 4L);
        }
        try (ServedMain served = new ServedMain(); RawClient raw = served.raw()) {
            raw.writeAscii("Content-Length: " + (16 * 1024 * 1024 + 1) + "\r\n\r\n");
            JsonNode tooBig = raw.next();
            assertTrue(tooBig.path("error").path("message").asString()
                    .contains("over the limit of " + 16 * 1024 * 1024 + " bytes"), tooBig.toString());
        }
        try (ServedMain served = new ServedMain(); RawClient raw = served.raw()) {
            raw.writeAscii("X-Filler: " + "h".repeat(9000));
            JsonNode longHeader = raw.next();
            assertTrue(longHeader.path("error").path("message").asString().contains("limit of 8192 bytes"),
                    longHeader.toString());
        }
        WireLimits limits = IpcSettings.defaults().wireLimits();
        assertEquals(16 * 1024 * 1024, limits.maxStringLength());
        assertEquals(64 * 1024, limits.maxNameLength());
        assertEquals(64L * 1024 * 1024, limits.maxQueuedOutgoingBytes());
        assertEquals(64L * 1024 * 1024, limits.maxQueuedIncomingBytes());
        assertEquals(Duration.ofSeconds(30), limits.sendStallTimeout());
        StreamReadConstraints constraints = IpcSettings.defaults().mapper().tokenStreamFactory().streamReadConstraints();
        assertEquals(16 * 1024 * 1024, constraints.getMaxStringLength());
        assertEquals(64 * 1024, constraints.getMaxNameLength());
        assertEquals(Duration.ofSeconds(30), IpcSettings.defaults().defaultDeadline(), "every request has a deadline");
        assertEquals(Duration.ofSeconds(30), CallOptions.DEFAULT.effectiveDeadline(ServedMain.ADD,
                IpcSettings.defaults().defaultDeadline()));
        assertFalse(IpcSettings.defaults().sendStackTraces());
    }

    /** A request to rel:echo whose params hold {@code arrays} nested arrays. */
    private static String nested(int id, int arrays) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"rel:echo\",\"params\":[" + "[".repeat(arrays)
                + "]".repeat(arrays) + "]}";
    }
}
