package com.example.plain;

/** Not a channel interface. */
public final class Plain {
    private Plain() {}
}
