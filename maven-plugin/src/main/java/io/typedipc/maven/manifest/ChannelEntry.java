package io.typedipc.maven.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One channel of a manifest.
 *
 * @param id             the channel id, the JSON-RPC {@code method}
 * @param method         the Java method's name
 * @param kind           one-way, blocking or asynchronous
 * @param parameters     the positional {@code params}, in order
 * @param result         the Java type of what travels back; {@code null} for one-way channels
 * @param resultSchema   format 2: the JSON shape of the result; {@code null} for one-way channels and in format 1
 * @param errors         binary names of the declared exceptions carried back
 * @param deadlineMillis the channel's own deadline; 0 means the context's default (always 0 for one-way)
 */
public record ChannelEntry(String id, String method, Kind kind, List<Parameter> parameters, String result,
        Shape resultSchema, List<String> errors, long deadlineMillis) {

    public ChannelEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        parameters = List.copyOf(parameters);
        errors = List.copyOf(errors);
    }

    /** How a channel is called; the names are the manifest's. */
    public enum Kind {
        /** A notification: nothing comes back. */
        ONE_WAY,
        /** A request whose caller waits for the reply. */
        BLOCKING,
        /** A request whose caller gets a future. */
        ASYNC;

        /** Whether a reply comes back (blocking and asynchronous requests are the same on the wire). */
        public boolean isRequest() {
            return this != ONE_WAY;
        }
    }

    /**
     * One parameter.
     *
     * @param name   the Java parameter's name (also its name for JSON-RPC by-name params)
     * @param type   its Java source type, qualified, e.g. {@code java.util.List<java.lang.String>}
     * @param schema format 2: its JSON shape; {@code null} in format 1
     */
    public record Parameter(String name, String type, Shape schema) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
