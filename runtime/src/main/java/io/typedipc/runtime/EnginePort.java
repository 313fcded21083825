package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.CallObserver;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.DispatchLoop;
import io.typedipc.runtime.internal.engine.Failures;
import io.typedipc.runtime.internal.engine.RequestBudget;
import io.typedipc.runtime.internal.engine.Router;
import io.typedipc.runtime.internal.wire.Routing;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.spi.Link;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A context as its connections see it (the engine's {@link Connection.Owner}): its wire format and executor, its
 * settings' numbers, its lifecycle and work count, its error listeners, the exceptions it throws.
 */
final class EnginePort implements Connection.Owner {
    private final IpcContext context;

    EnginePort(IpcContext context) {
        this.context = context;
    }

    @Override
    public WireFormat wire() {
        return context.wire();
    }

    @Override
    public Routing routing() {
        return context.routing();
    }

    @Override
    public Failures failures() {
        return IpcFailures.INSTANCE;
    }

    @Override
    public Link traced(Link link, Supplier<String> peer) {
        return context.traced(link, peer);
    }

    @Override
    public Executor newInboundExecutor() {
        return context.newInboundExecutor();
    }

    @Override
    public DispatchLoop loop() {
        return context.loop();
    }

    @Override
    public boolean usesDirectExecutor() {
        return context.settings().usesDirectExecutor();
    }

    @Override
    public CallObserver calls() {
        return context.calls();
    }

    @Override
    public Router router() {
        return context.router();
    }

    @Override
    public RequestBudget newRequestBudget() {
        return context.newRequestBudget();
    }

    @Override
    public int maxFrameBytes() {
        return context.settings().wireLimits().maxFrameBytes();
    }

    @Override
    public long maxQueuedIncomingBytes() {
        return context.settings().wireLimits().maxQueuedIncomingBytes();
    }

    @Override
    public long maxQueuedOutgoingBytes() {
        return context.settings().wireLimits().maxQueuedOutgoingBytes();
    }

    @Override
    public Duration sendStallTimeout() {
        return context.settings().wireLimits().sendStallTimeout();
    }

    @Override
    public String contextName() {
        return context.contextName();
    }

    @Override
    public void ensureOpenForOutgoing(String channel) {
        context.ensureOpenForOutgoing(channel);
    }

    @Override
    public boolean acceptsIncoming() {
        return context.acceptsIncoming();
    }

    @Override
    public String closingMessage() {
        return context.closingMessage();
    }

    @Override
    public void workStarted() {
        context.workStarted();
    }

    @Override
    public void workDone() {
        context.workDone();
    }

    @Override
    public void protocolViolation(String channel, String peer, Supplier<String> text) {
        context.reportError(IpcError.Kind.PROTOCOL_VIOLATION, channel, peer, text, null);
    }

    @Override
    public void connectionClosed(Connection connection, Throwable cause) {
        context.connectionClosed(connection, cause);
    }

    /** As the context shows itself, in messages that name it. */
    @Override
    public String toString() {
        return context.toString();
    }
}
