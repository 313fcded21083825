package io.typedipc.runtime;

/**
 * Carries a channel method's declared checked exception out of a blocking call; the cause is the rebuilt exception,
 * of the declared type. Generated senders unwrap it and rethrow the cause, so a caller of the typed interface sees
 * the declared type itself. (Asynchronous requests complete their future with the declared exception directly.)
 */
public final class IpcDeclaredException extends IpcException {
    private static final long serialVersionUID = 1L;

    public IpcDeclaredException(Exception declared) {
        super(ErrorCodes.DECLARED_ERROR, declared.getMessage(), declared);
    }
}
