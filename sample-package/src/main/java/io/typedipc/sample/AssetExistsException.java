package io.typedipc.sample;

/** Thrown by {@link AssetDb#create} when the url is taken; it reaches the caller as this type, across processes. */
public class AssetExistsException extends Exception {
    private static final long serialVersionUID = 1L;

    public AssetExistsException(String message) {
        super(message);
    }
}
