package io.typedipc.benchmarks.harness;

import java.util.Locale;

/** Where the two ends of a benchmark live, and what carries the bytes between them. */
public enum Transport {
    /** Both ends in this JVM. */
    INPROC,
    /** The server is a child JVM; frames go over its stdin and stdout. */
    STDIO,
    /** The server is a child JVM connected over a Unix domain socket. */
    UDS,
    /** The server is a child JVM connected over TCP loopback. */
    TCP;

    /** The {@code @Param} spelling: lower case. */
    public static Transport parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True when the server runs in a child JVM. */
    public boolean crossProcess() {
        return this != INPROC;
    }
}
