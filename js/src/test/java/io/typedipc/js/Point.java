package io.typedipc.js;

/** A record crossing the wire as a JSON object. */
public record Point(int x, int y, String label) {}
