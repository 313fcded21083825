/**
 * Compatibility between two versions of a build's channels: {@link io.typedipc.maven.compat.ContractComparator}
 * compares a baseline's manifests with the current ones and classifies every difference as compatible or breaking,
 * by what the runtime does when peers of the two versions meet (docs/maven-plugin.md has the table and the test
 * proving each row).
 */
package io.typedipc.maven.compat;
