package io.typedipc.maven.typescript;

import io.typedipc.maven.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Turns channel manifests (format 2) into one TypeScript module, {@code index.ts}: a TypeScript interface per
 * channel interface, a type per data type, a class per declared exception, and per interface its channel ids, a
 * client over a {@code @typed-ipc/client} connection and a function that serves it. docs/javascript.md ("Generated
 * TypeScript") is the reference of what it writes. The output depends only on the manifests, never on their order.
 */
public final class TypeScriptGenerator {
    /** The module the generated file imports the client from, unless told otherwise. */
    public static final String DEFAULT_CLIENT_MODULE = "@typed-ipc/client";
    /** The file it writes at the root of the output directory. */
    public static final String FILE_NAME = "index.ts";

    private final String clientModule;

    /** @param clientModule the module specifier of the JavaScript client, usually {@link #DEFAULT_CLIENT_MODULE} */
    public TypeScriptGenerator(String clientModule) {
        Objects.requireNonNull(clientModule, "clientModule");
        if (clientModule.isBlank()) {
            throw new IllegalArgumentException("the client module specifier is blank");
        }
        this.clientModule = clientModule;
    }

    /** The text of {@code index.ts} for {@code manifests}. */
    public String generate(List<Manifest> manifests) throws TypeScriptException {
        return new TypeScriptWriter(new TypeScriptModel(manifests), clientModule).write();
    }

    /**
     * Writes {@code index.ts} into {@code directory} (created if needed). A file that already has this content is
     * left alone, so that watchers and incremental compilers see no change.
     *
     * @return the file
     */
    public Path writeTo(Path directory, List<Manifest> manifests) throws TypeScriptException, IOException {
        String text = generate(manifests);
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return file;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
