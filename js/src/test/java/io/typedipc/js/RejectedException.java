package io.typedipc.js;

/** A declared exception: crosses the wire as -32001 with its class name. */
public class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RejectedException(String message) {
        super(message);
    }
}
