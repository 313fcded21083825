/**
 * The goals of {@code typed-ipc-maven-plugin} (prefix {@code typed-ipc}): {@code channels} reports a build's
 * channels, {@code check} compares them with a released baseline, {@code typescript} generates TypeScript for JavaScript
 * renderers ({@link io.typedipc.maven.typescript}), {@code help} lists the goals. They read manifests
 * through {@link io.typedipc.maven.manifest}; docs/maven-plugin.md is the user's reference.
 */
package io.typedipc.maven;
