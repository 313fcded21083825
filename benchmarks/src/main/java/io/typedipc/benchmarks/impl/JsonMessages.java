package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.Payload;
import java.util.List;

/** The JSON-RPC shapes the hand-written Jackson baseline encodes and decodes, as plain data classes. */
final class JsonMessages {
    private JsonMessages() {
    }

    /** A request. */
    public static final class Request {
        public String jsonrpc = "2.0";
        public long id;
        public String method;
        public List<Payload> params;

        public Request() {
        }

        Request(long id, String method, List<Payload> params) {
            this.id = id;
            this.method = method;
            this.params = params;
        }
    }

    /** A notification: a request without an id. */
    public static final class Notification {
        public String jsonrpc = "2.0";
        public String method;
        public List<Payload> params;

        public Notification() {
        }

        Notification(String method, List<Payload> params) {
            this.method = method;
            this.params = params;
        }
    }

    /** What the server reads: either of the above. */
    public static final class Incoming {
        public String jsonrpc;
        public Long id;
        public String method;
        public List<Payload> params;
    }

    /** An echo's reply. */
    public static final class PayloadResponse {
        public String jsonrpc = "2.0";
        public long id;
        public Payload result;

        public PayloadResponse() {
        }

        PayloadResponse(long id, Payload result) {
            this.id = id;
            this.result = result;
        }
    }

    /** A barrier's reply. */
    public static final class CountResponse {
        public String jsonrpc = "2.0";
        public long id;
        public long result;

        public CountResponse() {
        }

        CountResponse(long id, long result) {
            this.id = id;
            this.result = result;
        }
    }
}
