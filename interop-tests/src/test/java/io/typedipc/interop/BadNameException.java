package io.typedipc.interop;

/** The declared error of {@link JavaService#checkName}. */
public class BadNameException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadNameException(String message) {
        super(message);
    }
}
