/**
 * The wire codec, not exported: JSON-RPC 2.0 messages written and read with Jackson 3's streaming API, the Language
 * Server Protocol's {@code Content-Length} framing, the routing envelopes, and the error codes' numbers.
 *
 * <p>It may use only the generated-code package (to read method descriptors), the JDK and Jackson.
 */
package io.typedipc.runtime.internal.wire;
