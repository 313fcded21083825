package io.typedipc.runtime.internal.wire;

/**
 * One decoded JSON-RPC 2.0 message. Only the envelope is decoded on the reader thread; {@code params}, {@code result}
 * and {@code error.data} stay as byte ranges of the frame until the receiving context decodes them with the
 * channel's own types (so user code — Jackson binding user classes — never runs on a reader thread).
 */
public final class Envelope {

    /** What kind of JSON-RPC message this is. */
    public enum Type {
        REQUEST, NOTIFICATION, RESULT, ERROR
    }

    final byte[] frame;
    final Type type;
    final Object id;
    final String method;
    final int valueStart;
    final int valueEnd;
    final int errorCode;
    final String errorMessage;
    /** A request's deadline as its sender sent it, made absolute when decoded ({@link System#nanoTime()}), if any. */
    final boolean hasDeadline;
    final long deadlineNanos;

    Envelope(byte[] frame, Type type, Object id, String method, int valueStart, int valueEnd, int errorCode,
            String errorMessage) {
        this(frame, type, id, method, valueStart, valueEnd, errorCode, errorMessage, false, 0);
    }

    Envelope(byte[] frame, Type type, Object id, String method, int valueStart, int valueEnd, int errorCode,
            String errorMessage, boolean hasDeadline, long deadlineNanos) {
        this.frame = frame;
        this.type = type;
        this.id = id;
        this.method = method;
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.hasDeadline = hasDeadline;
        this.deadlineNanos = deadlineNanos;
    }

    public Type type() {
        return type;
    }

    /** The request id: a {@code Long} or a {@code String} as the peer sent it; {@code null} for notifications. */
    public Object id() {
        return id;
    }

    /** The channel id of a request or notification; {@code null} for replies. */
    public String method() {
        return method;
    }

    /**
     * Whether this request carried the sender's deadline ({@value WireFormat#DEADLINE_MEMBER}); see
     * {@link #deadlineNanos()}.
     */
    public boolean hasDeadline() {
        return hasDeadline;
    }

    /**
     * When the sender stops waiting for this request's answer, in this JVM's {@link System#nanoTime()} time: the
     * milliseconds it said were left, counted from when the frame was decoded. Only if {@link #hasDeadline()}.
     */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** The JSON-RPC error code of an error reply. */
    public int errorCode() {
        return errorCode;
    }

    /** The message of an error reply. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The size of the frame this message was decoded from, in bytes. */
    public int size() {
        return frame.length;
    }

    /** Whether the message carried {@code params} (requests), {@code result} or {@code error.data}. */
    public boolean hasValue() {
        return valueStart >= 0;
    }

    @Override
    public String toString() {
        return switch (type) {
            // Ids, method names and error messages are the peer's text: made safe for a log line.
            case REQUEST -> "request #" + LogText.of(String.valueOf(id)) + " " + LogText.of(method);
            case NOTIFICATION -> "notification " + LogText.of(method);
            case RESULT -> "result #" + LogText.of(String.valueOf(id));
            case ERROR -> "error #" + LogText.of(String.valueOf(id)) + " " + errorCode + " " + LogText.of(errorMessage);
        };
    }
}
