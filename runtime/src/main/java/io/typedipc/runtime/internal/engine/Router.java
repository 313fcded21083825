package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.JsonRpcCodes;
import io.typedipc.runtime.internal.wire.ProtocolViolation;
import io.typedipc.runtime.internal.wire.Routing;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Main's router: forwards what renderers send each other ({@code $/route} requests and one-way messages,
 * {@code $/broadcast}) as {@code $/routed} to the renderers they name, relays the replies, and keeps the forwarding
 * table — which origin request each forward answers — so that the origin's {@code $/cancelRequest} reaches the
 * forward and a close on either side ends it. Resolving a target, the routing policy and the deadline main waits
 * for are applied here, once per message, on the origin link's thread: byte copying and rule checks, no user code.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** What the router needs from main: who is connected, the rules, and main's unit-of-work accounting. */
    public interface Main {
        /** The open connection of the renderer {@code to} names (a {@code Long} id or a {@code String} name), or null. */
        Connection renderer(Object to);

        /** The connections of the renderers in {@code window} ({@code null}: every renderer), in connection order. */
        List<Connection> renderers(String window);

        /** Whether the routing policy lets renderer {@code from} message renderer {@code to} on {@code channel}. */
        boolean allows(String from, String to, String channel);

        boolean acceptsIncoming();

        String closingMessage();

        void workStarted();

        void workDone();

        /** How long main waits for a routed request that carries no deadline. */
        Duration defaultDeadline();

        /** The longest a routed request may make main wait ({@code WireLimits.maxPeerDeadline}). */
        Duration maxPeerDeadline();

        /** How many routed requests one renderer may have forwarded to it at once. */
        int maxRequestsInFlight();
    }

    /** An origin's request that main forwarded: the key of the forwarding table. */
    private record Origin(Connection connection, Object requestId) {}

    private final Main main;
    private final WireFormat wire;
    private final Failures failures;
    private final Routing routing;
    /** The forwards waiting for their replies, with how to abandon each (and tell its target). */
    private final Map<Origin, Runnable> forwards = new ConcurrentHashMap<>();

    public Router(Main main, WireFormat wire, Routing routing, Failures failures) {
        this.main = main;
        this.wire = wire;
        this.failures = failures;
        this.routing = routing;
    }

    /** A {@code $/route} or {@code $/broadcast} from the renderer on {@code origin}; runs on that link's thread. */
    void route(Connection origin, Envelope message) {
        boolean request = message.type() == Envelope.Type.REQUEST;
        Routing.Route route;
        try {
            route = routing.readRoute(message);
        } catch (ProtocolViolation violation) {
            origin.violation(LOG, message.method(), () -> "bad " + message.method() + " from " + origin.describe() + ": "
                    + violation.getMessage());
            if (request) {
                origin.reply(wire.error(message.id(), violation.code(), violation.getMessage(), null, null));
            }
            return;
        }
        if (Routing.BROADCAST_METHOD.equals(message.method())) {
            broadcast(origin, message, route);
        } else if (request) {
            forwardRequest(origin, message.id(), route);
        } else {
            forwardNotification(origin, route);
        }
    }

    /**
     * A {@code $/cancelRequest} from {@code origin}: if it names a request main forwarded, the forward is abandoned
     * (its target told) and true is returned; else the cancellation is the connection's own business.
     */
    boolean cancel(Connection origin, Envelope cancellation) {
        if (forwards.isEmpty()) {
            return false;
        }
        Object id;
        try {
            id = wire.cancelledId(cancellation);
        } catch (ProtocolViolation violation) {
            return false;
        }
        Runnable cancel = id == null ? null : forwards.remove(new Origin(origin, id));
        if (cancel == null) {
            return false;
        }
        cancel.run();
        return true;
    }

    /**
     * {@code connection} closed: the forwards of its requests are abandoned (their targets told). Forwards to it
     * end by themselves: its call table fails them with a disconnect, which is relayed to their origins.
     */
    void closed(Connection connection) {
        if (forwards.isEmpty()) {
            return;
        }
        for (Origin origin : forwards.keySet()) {
            if (origin.connection() == connection) {
                abandon(origin);
            }
        }
    }

    private void abandon(Origin origin) {
        Runnable cancel = forwards.remove(origin);
        if (cancel != null) {
            cancel.run();
        }
    }

    private void broadcast(Connection origin, Envelope message, Routing.Route route) {
        if (message.type() == Envelope.Type.REQUEST) {
            origin.reply(wire.error(message.id(), JsonRpcCodes.INVALID_REQUEST,
                    Routing.BROADCAST_METHOD + " is one-way: send it as a notification", null, null));
            return;
        }
        if (!main.acceptsIncoming()) {
            LOG.log(Level.DEBUG, () -> "dropped a broadcast from " + origin.describe() + ": " + main.closingMessage());
            return;
        }
        String channel = route.inner().method();
        byte[] frame = routing.routed(null, origin.remoteId(), origin.remoteName(), route.inner(), 0);
        for (Connection renderer : main.renderers(route.window())) {
            if (route.excludeSender() && renderer == origin) {
                continue;
            }
            if (main.allows(origin.remoteName(), renderer.remoteName(), channel)) {
                renderer.sendRaw(frame.clone());
            } else {
                origin.violations().log(LOG, Level.WARNING, () -> "routing policy: dropped broadcast " + channel
                        + " from " + origin.remoteName() + " to " + renderer.remoteName());
            }
        }
        if (route.includeMain()) {
            origin.accept(route.inner(), null);
        }
    }

    private void forwardNotification(Connection origin, Routing.Route route) {
        main.workStarted();
        try {
            if (!main.acceptsIncoming()) {
                return;
            }
            Connection target = target(origin, route, null);
            if (target != null) {
                target.sendRaw(routing.routed(null, origin.remoteId(), origin.remoteName(), route.inner(), 0));
            }
        } finally {
            main.workDone();
        }
    }

    private void forwardRequest(Connection origin, Object originId, Routing.Route route) {
        if (!origin.takeRequest()) {
            origin.refuseOverBudget(originId, route.inner().method());
            return;
        }
        boolean relaying = false; // once forwarded, the relayed reply ends the origin's request
        main.workStarted();
        try {
            if (!main.acceptsIncoming()) {
                origin.reply(wire.error(originId, JsonRpcCodes.DISCONNECTED,
                        route.inner().method() + ": " + main.closingMessage(), null, null));
                return;
            }
            Connection target = target(origin, route, originId);
            if (target != null) {
                relaying = forward(origin, originId, target, route);
            }
        } finally {
            if (!relaying) {
                origin.requestDone();
            }
            main.workDone();
        }
    }

    /**
     * The connected renderer {@code route} names, if the routing policy lets the origin reach it; else null, with
     * a request ({@code originId} not null) answered. A refused route is answered exactly as an absent target, so
     * a renderer cannot probe which names exist.
     */
    private Connection target(Connection origin, Routing.Route route, Object originId) {
        String channel = route.inner().method();
        Connection target = main.renderer(route.to());
        String absent = channel + ": no renderer " + describeTarget(route.to()) + " is connected";
        if (target == null || !target.isOpen()) {
            LOG.log(Level.DEBUG, () -> absent + " (sent by " + origin.describe() + ")");
        } else if (!main.allows(origin.remoteName(), target.remoteName(), channel)) {
            origin.violations().log(LOG, Level.WARNING, () -> "routing policy: refused " + channel + " from "
                    + origin.remoteName() + " to renderer " + describeTarget(route.to())
                    + " (answered as if it were not connected)");
        } else {
            return target;
        }
        if (originId != null) {
            origin.reply(wire.error(originId, JsonRpcCodes.NO_SUCH_RENDERER, absent, null, null));
        }
        return null;
    }

    /**
     * Sends a routed request on to {@code to} and relays its reply; false if it could not be sent (the origin has
     * been answered).
     */
    private boolean forward(Connection origin, Object originId, Connection to, Routing.Route route) {
        String channel = route.inner().method();
        if (!to.takeForwarded()) {
            origin.reply(wire.error(originId, JsonRpcCodes.TOO_MANY_REQUESTS, channel + ": renderer " + to.remoteName()
                    + "#" + to.remoteId() + " already has " + main.maxRequestsInFlight()
                    + " requests in flight through main; send more once replies have come", null, null));
            return false;
        }
        Origin key = new Origin(origin, originId);
        AtomicBoolean relayed = new AtomicBoolean();
        main.workStarted(); // until the reply is relayed
        Duration deadline = deadline(route); // main's wait, which the target's handler sees as its deadline
        Runnable cancel = to.forward(
                id -> routing.routed(id, origin.remoteId(), origin.remoteName(), route.inner(),
                        Deadlines.millis(deadline)), deadline,
                (reply, failure) -> {
                    relayed.set(true);
                    forwards.remove(key);
                    try {
                        origin.reply(failure == null
                                ? routing.relay(originId, reply)
                                : wire.error(originId, failures.code(failure), channel + ": " + failure.getMessage(), null, null));
                    } finally {
                        to.forwardedDone();
                        origin.requestDone();
                        main.workDone();
                    }
                });
        if (cancel == null) { // the target closed meanwhile
            to.forwardedDone();
            main.workDone();
            origin.reply(wire.error(originId, JsonRpcCodes.NO_SUCH_RENDERER,
                    channel + ": renderer " + to.remoteName() + "#" + to.remoteId() + " is not connected", null, null));
            return false;
        }
        forwards.put(key, cancel);
        if (relayed.get()) {
            forwards.remove(key, cancel); // answered (or failed to send) before it was in the table
        } else if (!origin.isOpen()) {
            abandon(key); // the origin closed meanwhile, perhaps before closed(origin) could see this forward
        }
        return true;
    }

    /** How long main waits for a routed request: the origin's deadline, clamped to {@code maxPeerDeadline}. */
    private Duration deadline(Routing.Route route) {
        if (route.deadlineMillis() <= 0) {
            return main.defaultDeadline();
        }
        Duration asked = Duration.ofMillis(route.deadlineMillis());
        Duration most = main.maxPeerDeadline();
        return asked.compareTo(most) > 0 ? most : asked;
    }

    private static String describeTarget(Object to) {
        return to instanceof String name ? "'" + name + "'" : "#" + to;
    }
}
