package io.typedipc.runtime.wire;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * Encodes one message into an exact-size {@code byte[]} through a per-thread buffer, so that encoding does not grow
 * and copy a fresh buffer for every message: the only allocation left is the result itself. A buffer that grew past
 * {@link #RETAINED_BYTES} for a large message is dropped afterwards, so an idle thread keeps at most that much.
 */
final class MessageBytes extends OutputStream {
    static final int RETAINED_BYTES = 1024 * 1024;
    private static final int INITIAL_BYTES = 512;
    private static final ThreadLocal<MessageBytes> BUFFER = ThreadLocal.withInitial(MessageBytes::new);

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;
    private boolean inUse;

    private MessageBytes() {}

    /** Writes one JSON value with {@code writer} on a generator of {@code mapper}, and returns its bytes. */
    static byte[] encode(ObjectMapper mapper, Consumer<JsonGenerator> writer) {
        MessageBytes buffer = BUFFER.get();
        if (buffer.inUse) {
            buffer = new MessageBytes(); // a serializer that encodes a message of its own while we encode ours
        }
        buffer.inUse = true;
        buffer.size = 0;
        try {
            try (JsonGenerator generator = mapper.createGenerator(buffer)) {
                writer.accept(generator);
            }
            return Arrays.copyOf(buffer.bytes, buffer.size);
        } finally {
            buffer.inUse = false;
            if (buffer.bytes.length > RETAINED_BYTES) {
                buffer.bytes = new byte[INITIAL_BYTES];
            }
        }
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
