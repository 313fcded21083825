package io.typedipc.runtime.internal.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the envelope of one JSON-RPC 2.0 message with Jackson's streaming parser. Member order does not matter;
 * {@code params}, {@code result} and {@code error.data} are skipped and recorded as byte ranges (see {@link Envelope}).
 */
public final class JsonRpcDecoder {
    /** The error message a batch (a JSON array of messages) is answered with, code {@link ErrorCodes#INVALID_REQUEST}. */
    public static final String BATCH_REFUSED = "batches are not supported; send one message per frame";

    private final ObjectReadContext reading;

    public JsonRpcDecoder(ObjectMapper mapper) {
        this.reading = StreamContexts.reading(mapper);
    }

    /**
     * Decodes one frame.
     *
     * @throws ProtocolViolation with {@link ErrorCodes#PARSE_ERROR} for a body that is not UTF-8 ({@link Utf8}) or
     *     text that is not JSON, or
     *     {@link ErrorCodes#INVALID_REQUEST} for JSON that is not a JSON-RPC 2.0 message, for a batch, or for a
     *     message that breaks one of the mapper's {@code StreamReadConstraints} (then with the request's id when it
     *     was read before the breach)
     */
    public Envelope decode(byte[] frame) throws ProtocolViolation {
        int invalid = Utf8.firstInvalid(frame, 0, frame.length);
        if (invalid >= 0) {
            // The wire is UTF-8 only: no encoding detection, no lenient decoding of overlong forms.
            throw new ProtocolViolation(JsonRpcCodes.PARSE_ERROR, "invalid JSON: Invalid UTF-8 at byte " + invalid + " of "
                    + frame.length + " (the wire is UTF-8 only)", null);
        }
        Object[] idSeen = new Object[1];
        try (JsonParser p = reading.createParser(frame)) {
            return decode(p, frame, idSeen);
        } catch (StreamConstraintsException e) {
            // Answered with the request's id when it came before the part that broke the limit.
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, "message breaks a limit: " + e.getOriginalMessage(),
                    idSeen[0]);
        } catch (JacksonException e) {
            throw new ProtocolViolation(JsonRpcCodes.PARSE_ERROR, "invalid JSON: " + e.getOriginalMessage(), null);
        }
    }

    private static Envelope decode(JsonParser p, byte[] frame, Object[] idSeen) throws ProtocolViolation {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_ARRAY) {
            // Read it whole first, so that a batch that is not even JSON gets a parse error, as JSON-RPC asks.
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new ProtocolViolation(JsonRpcCodes.PARSE_ERROR, "unexpected content after the message", null);
            }
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, BATCH_REFUSED, null);
        }
        if (first != JsonToken.START_OBJECT) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, "a JSON-RPC message must be a JSON object", null);
        }
        String version = null;
        boolean hasId = false;
        Object id = null;
        String method = null;
        boolean hasParams = false;
        boolean hasResult = false;
        boolean hasError = false;
        int valueStart = -1;
        int valueEnd = -1;
        int errorCode = 0;
        String errorMessage = null;
        String problem = null;
        long deadlineMillis = 0; // 0: none; -1: there, but not a valid number of milliseconds

        String name;
        while ((name = p.nextName()) != null) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "jsonrpc" -> version = token == JsonToken.VALUE_STRING ? version(p) : "";
                case "id" -> {
                    hasId = true;
                    if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        id = p.getLongValue();
                        idSeen[0] = id;
                    } else if (token == JsonToken.VALUE_STRING) {
                        id = p.getString();
                        idSeen[0] = id;
                    } else if (token != JsonToken.VALUE_NULL) {
                        problem = "\"id\" must be a string, an integer or null";
                        p.skipChildren();
                    }
                }
                case "method" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        method = p.getString();
                    } else {
                        problem = "\"method\" must be a string";
                        p.skipChildren();
                    }
                }
                case "params" -> {
                    hasParams = true;
                    if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
                        problem = "\"params\" must be an array or an object";
                    }
                    valueStart = start(p);
                    valueEnd = end(p);
                }
                case "result" -> {
                    hasResult = true;
                    valueStart = start(p);
                    valueEnd = end(p);
                }
                case "error" -> {
                    hasError = true;
                    if (token != JsonToken.START_OBJECT) {
                        problem = "\"error\" must be an object";
                        p.skipChildren();
                        break;
                    }
                    String errorName;
                    while ((errorName = p.nextName()) != null) {
                        JsonToken errorToken = p.nextToken();
                        switch (errorName) {
                            case "code" -> {
                                if (errorToken == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                                    errorCode = p.getIntValue();
                                } else {
                                    problem = "\"error.code\" must be an integer";
                                }
                            }
                            case "message" -> errorMessage = errorToken == JsonToken.VALUE_STRING ? p.getString() : null;
                            case "data" -> {
                                valueStart = start(p);
                                valueEnd = end(p);
                            }
                            default -> p.skipChildren();
                        }
                    }
                }
                case WireFormat.DEADLINE_MEMBER -> deadlineMillis = Routing.readDeadlineMillis(p); // the same rule as $/route's
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new ProtocolViolation(JsonRpcCodes.PARSE_ERROR, "unexpected content after the message", null);
        }

        Object answerId = hasId ? id : null;
        if (!"2.0".equals(version)) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"", answerId);
        }
        if (problem != null) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, problem, answerId);
        }
        if (method != null) {
            if (hasResult || hasError) {
                throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, "a request cannot carry \"result\" or \"error\"", answerId);
            }
            if (hasId && deadlineMillis < 0) {
                throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, "\"" + WireFormat.DEADLINE_MEMBER
                        + "\" must be an integer from 1 to " + Routing.MAX_DEADLINE_MILLIS
                        + " (the milliseconds left of the request's deadline)", answerId);
            }
            // Counted from now, on this side's clock: the member is relative, so the two ends' clocks need not agree.
            return hasId
                    ? new Envelope(frame, Envelope.Type.REQUEST, id, method, hasParams ? valueStart : -1, valueEnd, 0,
                            null, deadlineMillis > 0, deadlineMillis > 0 ? System.nanoTime() + deadlineMillis * 1_000_000L : 0)
                    : new Envelope(frame, Envelope.Type.NOTIFICATION, null, method, hasParams ? valueStart : -1, valueEnd, 0, null);
        }
        if (hasResult == hasError) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST,
                    "a message needs \"method\", or exactly one of \"result\" and \"error\"", answerId);
        }
        if (!hasId) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_REQUEST, "a reply needs an \"id\"", null);
        }
        if (hasResult) {
            return new Envelope(frame, Envelope.Type.RESULT, id, null, valueStart, valueEnd, 0, null);
        }
        return new Envelope(frame, Envelope.Type.ERROR, id, null, valueStart, valueEnd, errorCode,
                errorMessage == null ? "" : errorMessage);
    }

    /** The {@code jsonrpc} member's value: the constant for "2.0" (no String per message), else the text. */
    private static String version(JsonParser p) {
        if (p.getStringLength() == 3) {
            char[] text = p.getStringCharacters();
            int at = p.getStringOffset();
            if (text[at] == '2' && text[at + 1] == '.' && text[at + 2] == '0') {
                return "2.0";
            }
        }
        return p.getString();
    }

    /** The byte offset where the current value starts. */
    private static int start(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** Skips the current value and returns the byte offset just past it. */
    private static int end(JsonParser p) {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            p.finishToken();
        }
        return (int) p.currentLocation().getByteOffset();
    }
}
