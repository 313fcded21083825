/**
 * TypeScript for renderers written in JavaScript: {@link io.typedipc.maven.typescript.TypeScriptGenerator} turns the
 * channel manifests (read with {@link io.typedipc.maven.manifest}) into {@code index.ts} for the
 * {@code @typed-ipc/client} package. The model (checks and names) and the writer are separate classes; the
 * {@code typescript} goal is its Maven entry point. docs/javascript.md ("Generated TypeScript") is the reference.
 */
package io.typedipc.maven.typescript;
