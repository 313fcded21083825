package io.typedipc.maven.typescript;

/**
 * The manifests cannot be turned into TypeScript: none were given, one has no data schemas (format 1), one uses a
 * construct this generator does not know, or two disagree about a type. The message says which and what to do.
 */
public final class TypeScriptException extends Exception {
    private static final long serialVersionUID = 1L;

    public TypeScriptException(String message) {
        super(message);
    }
}
