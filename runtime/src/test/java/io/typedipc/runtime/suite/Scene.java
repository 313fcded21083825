package io.typedipc.runtime.suite;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A channel interface as an application would declare it with {@code @Channel("scene")}. {@link SceneSender} and
 * {@link SceneDispatcher} are written by hand exactly as the annotation processor generates them, so the suite tests
 * the runtime contract that generated code relies on without depending on the processor.
 */
public interface Scene {

    /** Blocking request {@code scene:describe}. */
    String describe(String node);

    /** Async request {@code scene:query-nodes}. */
    CompletableFuture<List<String>> queryNodes(String glob);

    /** One-way {@code scene:select}. */
    void select(String uuid);

    /** Blocking request with a declared exception, {@code scene:rename}. */
    String rename(String uuid, String name) throws NameTakenException;

    /** Async request with a declared exception, {@code scene:create-node}. */
    CompletableFuture<String> createNode(String name) throws NameTakenException;

    /** A declared, checked application exception. */
    final class NameTakenException extends Exception {
        private static final long serialVersionUID = 1L;

        public NameTakenException(String message) {
            super(message);
        }
    }
}
