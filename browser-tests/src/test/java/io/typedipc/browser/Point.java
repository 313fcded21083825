package io.typedipc.browser;

/** A record, as a JSON object on the wire. */
public record Point(int x, int y, String label) {}
