/**
 * The channel manifests ({@code META-INF/typed-ipc/<interface>.json}) as a small immutable model, and where to read
 * them from: {@link io.typedipc.maven.manifest.ManifestReader} parses one file (format 1 or 2),
 * {@link io.typedipc.maven.manifest.ManifestScanner} finds every manifest of a class directory or a jar. Every goal of
 * the plugin (and anything else that needs the channels of a build without loading its classes) reads manifests
 * through this package; docs/channels.md ("The channel manifest") is the format's reference.
 */
package io.typedipc.maven.manifest;
