package io.typedipc.sample;

/** Thrown when no asset lives at the url asked for; it reaches the caller as this type, across processes. */
public class AssetNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public AssetNotFoundException(String message) {
        super(message);
    }
}
