package io.typedipc.runtime.internal.engine;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: one request or one-way message this context served, from its interception until the reply was handed to the
 * link (or the last listener returned).
 */
@Name("io.typedipc.Serve")
@Label("IPC Served Call")
@Category({"Typed IPC"})
@Description("A request or one-way message this context served: channel, sender, sizes, outcome")
@StackTrace(false)
public final class ServeEvent extends Event {
    /** Whether a recording wants these events: read once per call, so the events cost nothing when none does. */
    private static final ServeEvent PROBE = new ServeEvent();

    @Label("Context")
    @Description("This context: main or the renderer's name")
    public String context;

    @Label("Channel")
    public String channel;

    @Label("Kind")
    @Description("REQUEST or ONE_WAY")
    public String kind;

    @Label("Peer")
    @Description("The sender of the call")
    public String peer;

    @Label("Bytes Out")
    @DataAmount
    public long bytesOut;

    @Label("Bytes In")
    @DataAmount
    public long bytesIn;

    @Label("Outcome")
    @Description("OK, DECLARED_ERROR, ERROR, TIMEOUT, CANCELLED, DISCONNECTED or REFUSED")
    public String outcome;

    @Label("Error Code")
    @Description("The JSON-RPC error code; 0 for OK")
    public int errorCode;

    public static boolean enabled() {
        return PROBE.isEnabled();
    }
}
