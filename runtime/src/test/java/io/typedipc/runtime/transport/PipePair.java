package io.typedipc.runtime.transport;

import io.typedipc.runtime.WireLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

/** Two in-JVM byte pipes, crossed: what one side writes, the other reads. The framing is the same as over stdio. */
final class PipePair {
    final InputStream leftIn;
    final OutputStream leftOut;
    final InputStream rightIn;
    final OutputStream rightOut;

    private PipePair(Pipe leftToRight, Pipe rightToLeft) {
        this.leftOut = Channels.newOutputStream(leftToRight.sink());
        this.rightIn = Channels.newInputStream(leftToRight.source());
        this.rightOut = Channels.newOutputStream(rightToLeft.sink());
        this.leftIn = Channels.newInputStream(rightToLeft.source());
    }

    static PipePair open() {
        try {
            return new PipePair(Pipe.open(), Pipe.open());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StreamLink leftLink(String name, WireLimits limits) {
        return new StreamLink(leftIn, leftOut, null, name + " (left)", limits);
    }

    StreamLink rightLink(String name, WireLimits limits) {
        return new StreamLink(rightIn, rightOut, null, name + " (right)", limits);
    }
}
