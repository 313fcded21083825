package io.typedipc.browser;

/** A declared exception the page catches as its own class. */
public class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RejectedException(String message) {
        super(message);
    }
}
