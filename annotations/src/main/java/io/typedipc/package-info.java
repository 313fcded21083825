/**
 * The annotation that declares typed IPC channels: {@link io.typedipc.Channel}. The annotation processor in
 * {@code typed-ipc-processor} reads it at compile time; nothing reads it at run time.
 */
package io.typedipc;
