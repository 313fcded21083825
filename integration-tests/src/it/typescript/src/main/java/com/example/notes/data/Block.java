package com.example.notes.data;

/** A note's content: a tagged union. */
public sealed interface Block permits Block.Text, Block.Image, Block.Rule {
    record Text(String text) implements Block {}

    record Image(byte[] png, double scale) implements Block {}

    enum Rule implements Block { THIN, THICK }
}
