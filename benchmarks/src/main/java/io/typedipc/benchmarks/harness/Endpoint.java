package io.typedipc.benchmarks.harness;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One end of a byte stream to the other side: what the floor, the Jackson baseline and LSP4J talk over. */
public final class Endpoint implements Closeable {
    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;

    public Endpoint(InputStream in, OutputStream out, Closeable resource) {
        this.in = in;
        this.out = out;
        this.resource = resource;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            try {
                in.close();
            } finally {
                resource.close();
            }
        }
    }
}
