package io.typedipc.interop;

public record Point(int x, int y) {}
