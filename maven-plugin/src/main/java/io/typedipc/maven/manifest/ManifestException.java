package io.typedipc.maven.manifest;

/** A manifest could not be read: not JSON, a format this reader does not know, or a required field missing. */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
