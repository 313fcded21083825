package io.typedipc.websocket;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.transport.spi.Hello;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket connection from a page: first the handshake (the first text message must be a valid
 * {@code $/hello}, within the handshake timeout and at most {@link WebSocketServer#MAX_HELLO_BYTES}), then a
 * {@link WebSocketLink} attached to main. Jetty calls it one message at a time; it demands the next one itself.
 *
 * <p>Not API: public only because Jetty calls a listener's methods through a public lookup. Only
 * {@link WebSocketServer} creates it.
 */
public final class RendererEndpoint implements Session.Listener {
    private static final System.Logger LOG = System.getLogger(RendererEndpoint.class.getName());

    private final IpcMain main;
    private final Hello hello;
    private final WireLimits limits;
    private final String peer;
    private final ScheduledExecutorService timer;
    private final Duration handshakeTimeout;
    private Session session;
    private ScheduledFuture<?> handshakeTimer;
    private volatile WebSocketLink link;

    RendererEndpoint(IpcMain main, Hello hello, String peer, ScheduledExecutorService timer, Duration handshakeTimeout) {
        this.main = main;
        this.hello = hello;
        this.limits = main.settings().wireLimits();
        this.peer = peer;
        this.timer = timer;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        // Until the handshake, one small message: an unauthenticated peer cannot make main buffer more.
        session.setMaxTextMessageSize(WebSocketServer.MAX_HELLO_BYTES);
        handshakeTimer = timer.schedule(() -> {
            if (link == null) {
                LOG.log(Level.INFO, () -> "no handshake from " + peer + " within " + handshakeTimeout.toMillis() + " ms");
                session.close(1008, "handshake timeout", Callback.NOOP);
            }
        }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        WebSocketLink current = link;
        if (current != null) {
            current.deliver(message);
            return;
        }
        handshakeTimer.cancel(false);
        Hello.Outcome outcome = hello.check(message.getBytes(StandardCharsets.UTF_8));
        if (outcome instanceof Hello.Refused refused) {
            refuse(refused.reply());
            return;
        }
        Hello.Accepted accepted = (Hello.Accepted) outcome;
        session.setMaxTextMessageSize(limits.maxFrameBytes());
        session.setMaxFrameSize(limits.maxFrameBytes());
        // From now on the connection lives as long as both ends want; deadlines are the runtime's business.
        session.setIdleTimeout(Duration.ZERO);
        WebSocketLink created = new WebSocketLink(session, "websocket " + peer + " renderer " + accepted.name(), limits);
        try {
            link = created;
            // The success reply is the link's first message, made once main has attached the renderer (it carries
            // the id and the name main gave it), as on sockets; attaching starts the link.
            main.attach(created, accepted.name(), accepted.window(),
                    handle -> accepted.reply(handle.id(), handle.name()));
        } catch (IllegalArgumentException e) { // the name is not one main takes: refused, as on sockets
            link = null;
            refuse(accepted.refusal(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, () -> "could not attach the renderer from " + peer + ": " + e);
            created.closeWith(e, 1011, "not attached");
        }
    }

    private void refuse(byte[] refusal) {
        String text = new String(refusal, StandardCharsets.UTF_8);
        LOG.log(Level.INFO, () -> "refused a WebSocket connection from " + peer + ": " + text);
        session.sendText(text, Callback.from(() -> session.close(1008, "handshake refused", Callback.NOOP),
                error -> session.close(1008, "handshake refused", Callback.NOOP)));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        LOG.log(Level.WARNING, () -> "closing the WebSocket from " + peer + ": a binary message (Typed IPC sends text)");
        WebSocketLink current = link;
        if (current != null) {
            current.closeWith(new java.io.IOException("a binary message from " + peer), 1003, "text messages only");
        } else {
            session.close(1003, "text messages only", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(Level.DEBUG, () -> "WebSocket error from " + peer + ": " + cause);
        WebSocketLink current = link;
        if (current != null) {
            current.closeWith(cause, 1011, "error");
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        WebSocketLink current = link;
        if (current != null) {
            current.closedByPeer(statusCode, reason);
        }
        if (statusCode == 1009) {
            LOG.log(Level.WARNING, () -> "closed the WebSocket from " + peer + ": a message over the limit (" + reason + ")");
        }
    }
}
