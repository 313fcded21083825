package io.typedipc.runtime.internal.engine;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a context's connections opening and closing. */
public final class ConnectionEvents {
    private ConnectionEvents() {}

    /** A connection of this context started: a renderer attached in main, the connection to main in a renderer. */
    @Name("io.typedipc.ConnectionOpened")
    @Label("IPC Connection Opened")
    @Category({"Typed IPC"})
    @StackTrace(false)
    public static final class Opened extends Event {
        @Label("Context")
        public String context;

        @Label("Peer")
        public String peer;

        @Label("Link")
        @Description("The transport's description of the link")
        public String link;
    }

    /** A connection of this context closed, by either side or because the peer went away. */
    @Name("io.typedipc.ConnectionClosed")
    @Label("IPC Connection Closed")
    @Category({"Typed IPC"})
    @StackTrace(false)
    public static final class Closed extends Event {
        @Label("Context")
        public String context;

        @Label("Peer")
        public String peer;

        @Label("Link")
        public String link;

        @Label("Cause")
        @Description("What broke the connection; empty for an orderly close")
        public String cause;
    }

    public static void opened(String context, String peer, String link) {
        Opened event = new Opened();
        if (event.isEnabled()) {
            event.context = context;
            event.peer = peer;
            event.link = link;
            event.commit();
        }
    }

    public static void closed(String context, String peer, String link, Throwable cause) {
        Closed event = new Closed();
        if (event.isEnabled()) {
            event.context = context;
            event.peer = peer;
            event.link = link;
            event.cause = cause == null ? "" : cause.toString();
            event.commit();
        }
    }
}
