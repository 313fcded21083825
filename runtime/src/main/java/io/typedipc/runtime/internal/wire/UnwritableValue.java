package io.typedipc.runtime.internal.wire;

import tools.jackson.core.JacksonException;

/**
 * A value that cannot be written as JSON (a {@code Thread}, a bean that refers to itself, a type Jackson has no
 * serializer for): the message it was part of is not made, so nothing is sent. The runtime gives the caller its own
 * exception for it, naming the channel; this one says which value and why.
 */
public final class UnwritableValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnwritableValue(String which, Object value, JacksonException cause) {
        super(which + " (" + (value == null ? "null" : value.getClass().getName()) + ") cannot be written as JSON: "
                + cause.getOriginalMessage(), cause);
    }
}
