package io.typedipc.runtime.internal.wire;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Encodes one message into an exact-size {@code byte[]} through a per-thread buffer and a per-thread generator, so
 * that encoding neither grows and copies a fresh buffer nor builds a generator (with its I/O context, write contexts
 * and buffers) for every message: the only allocation left is the result itself. The generator writes one root
 * value per message with no separator, is flushed into the buffer after each, and is dropped if a message fails
 * half-way (its state is then unknown). A buffer that grew past {@link #RETAINED_BYTES} for a large message is dropped
 * afterwards, so an idle thread keeps at most that much.
 */
final class MessageBytes extends OutputStream {
    static final int RETAINED_BYTES = 1024 * 1024;
    private static final int INITIAL_BYTES = 512;
    private static final ThreadLocal<MessageBytes> BUFFER = ThreadLocal.withInitial(MessageBytes::new);

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;
    private boolean inUse;
    /** The generator kept for {@link #generatorContext}, writing into this buffer. */
    private JsonGenerator generator;
    private ObjectWriteContext generatorContext;
    /**
     * The one kept before it, for another context: a thread may encode for two contexts in turn (in process, in direct
     * mode, the caller's thread writes the renderer's request and then main's reply), and a generator built per
     * message costs its buffers (about 12 KB).
     */
    private JsonGenerator previous;
    private ObjectWriteContext previousContext;

    private MessageBytes() {}

    /** Writes one JSON value with {@code writer} on a generator of {@code writing}, and returns its bytes. */
    static byte[] encode(ObjectWriteContext writing, Consumer<JsonGenerator> writer) {
        MessageBytes buffer = BUFFER.get();
        if (buffer.inUse) {
            return encodeOnce(writing, writer); // a serializer that encodes a message of its own while we encode ours
        }
        buffer.inUse = true;
        buffer.size = 0;
        boolean written = false;
        try {
            JsonGenerator generator = buffer.generatorFor(writing);
            writer.accept(generator);
            generator.flush();
            written = true;
            return Arrays.copyOf(buffer.bytes, buffer.size);
        } finally {
            buffer.inUse = false;
            if (!written) {
                buffer.generator = null; // left in the middle of a value: never reused
                buffer.generatorContext = null;
            }
            if (buffer.bytes.length > RETAINED_BYTES) {
                buffer.bytes = new byte[INITIAL_BYTES];
            }
        }
    }

    /** One message on a fresh buffer and generator. */
    private static byte[] encodeOnce(ObjectWriteContext writing, Consumer<JsonGenerator> writer) {
        MessageBytes buffer = new MessageBytes();
        try (JsonGenerator generator = writing.createGenerator(buffer)) {
            writer.accept(generator);
        }
        return Arrays.copyOf(buffer.bytes, buffer.size);
    }

    private JsonGenerator generatorFor(ObjectWriteContext writing) {
        if (generator != null && generatorContext == writing) {
            return generator;
        }
        JsonGenerator kept = previous != null && previousContext == writing ? previous : null;
        previous = generator;
        previousContext = generatorContext;
        generator = kept != null ? kept : writing.createGenerator(this);
        generatorContext = writing;
        return generator;
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensureRoom(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new OutOfMemoryError("a message over 2 GiB cannot be encoded");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
