package io.typedipc.interop;

/**
 * What the Node.js peer got back for the {@code $/ping} requests it sent main, each answer's {@code result} as JSON
 * text; the first one's round trip as the peer measured it; and a call made afterwards.
 */
public record PingReport(String noParams, String emptyObject, String ignoredParams, long roundTripMillis, int added) {}
