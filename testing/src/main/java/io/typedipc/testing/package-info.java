/**
 * A JUnit 5 testing kit for code that uses Typed IPC: {@link io.typedipc.testing.IpcTest} (or
 * {@link io.typedipc.testing.IpcExtension}) gives each test an {@link io.typedipc.testing.IpcTestContext} with a
 * main context, in-process and child-process renderers, closes them after the test, and fails the test on a leaked
 * pending request or an unhandled error, writing the message trace when a test fails. docs/testing.md has the guide.
 */
package io.typedipc.testing;
