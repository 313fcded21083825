package io.typedipc.runtime.internal.wire;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.type.TypeFactory;

/**
 * Encodes and decodes the arguments and result of one channel method with readers and writers prepared once, from
 * the method's declared types. The untyped codec ({@link #untyped}) serves Electron-style calls: it writes values by
 * their runtime types and reads JSON's natural Java types, with any number of arguments.
 */
public final class MethodCodec {
    private final MethodDescriptor<?> method;
    private final ObjectWriter[] parameterWriters;
    private final ObjectReader[] parameterReaders;
    private final ObjectWriter resultWriter;
    private final ObjectReader resultReader;
    private final ObjectWriter anyWriter;
    private final ObjectReader anyReader;
    /**
     * Whether the method's only parameter is an object type (a record, a bean, a map): then {@code params} that is
     * an object is that argument, as LSP and its libraries send a lone object — unless it is the by-name form.
     */
    private final boolean loneObjectParameter;
    private final ObjectMapper mapper;
    /** For the parser over {@code params}: the values are bound by the readers above, with their own contexts. */
    private final ObjectReadContext reading;

    private MethodCodec(MethodDescriptor<?> method, ObjectMapper mapper) {
        this.method = method;
        this.mapper = mapper;
        this.reading = StreamContexts.reading(mapper);
        this.anyWriter = mapper.writer();
        this.anyReader = elementReader(mapper, mapper.constructType(Object.class));
        if (method == null) {
            this.parameterWriters = null;
            this.parameterReaders = null;
            this.resultWriter = anyWriter;
            this.resultReader = anyReader;
            this.loneObjectParameter = false;
            return;
        }
        TypeFactory types = mapper.getTypeFactory();
        List<TypeRecipe> recipes = method.parameterTypes();
        this.parameterWriters = new ObjectWriter[recipes.size()];
        this.parameterReaders = new ObjectReader[recipes.size()];
        for (int i = 0; i < recipes.size(); i++) {
            JavaType type = recipes.get(i).resolve(types);
            parameterWriters[i] = mapper.writerFor(type);
            parameterReaders[i] = elementReader(mapper, type);
        }
        this.loneObjectParameter = recipes.size() == 1 && isObjectType(recipes.get(0).resolve(types));
        JavaType result = method.resultType().resolve(types);
        this.resultWriter = mapper.writerFor(result);
        this.resultReader = mapper.readerFor(result).with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /**
     * A reader for one value inside a larger document (an element of {@code params}): what follows the value is the
     * rest of the message, not trailing garbage. A JSON {@code null} for a primitive is an error, not zero.
     */
    private static ObjectReader elementReader(ObjectMapper mapper, JavaType type) {
        return mapper.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A type written as a JSON object: a map, or a class of the application's (a record, a bean). */
    private static boolean isObjectType(JavaType type) {
        if (type.isMapLikeType()) {
            return true;
        }
        if (type.isPrimitive() || type.isEnumType() || type.isArrayType() || type.isCollectionLikeType()
                || type.isReferenceType()) {
            return false;
        }
        String name = type.getRawClass().getName();
        return !name.startsWith("java.") && !name.startsWith("javax.");
    }

    static MethodCodec typed(MethodDescriptor<?> method, ObjectMapper mapper) {
        return new MethodCodec(method, mapper);
    }

    static MethodCodec untyped(ObjectMapper mapper) {
        return new MethodCodec(null, mapper);
    }

    /** The method this codec serves, or {@code null} for the untyped codec. */
    public MethodDescriptor<?> method() {
        return method;
    }

    /** Writes {@code args} as the positional {@code params} array. */
    void writeParams(JsonGenerator g, Object[] args) {
        if (parameterWriters != null && args.length != parameterWriters.length) {
            throw new IllegalArgumentException(method.channel() + " takes " + parameterWriters.length
                    + " argument(s) " + method.parameterNames() + ", got " + args.length);
        }
        g.writeStartArray();
        for (int i = 0; i < args.length; i++) {
            try {
                (parameterWriters != null ? parameterWriters[i] : anyWriter).writeValue(g, args[i]);
            } catch (JacksonException e) {
                String name = parameterWriters != null ? " (" + method.parameterNames().get(i) + ")" : "";
                throw new UnwritableValue("argument " + (i + 1) + name, args[i], e);
            }
        }
        g.writeEndArray();
    }

    void writeResult(JsonGenerator g, Object value) {
        try {
            resultWriter.writeValue(g, value);
        } catch (JacksonException e) {
            throw new UnwritableValue("the result", value, e);
        }
    }

    /**
     * Decodes the arguments of a request or notification: a positional array, or an object whose members are the
     * parameter names (JSON-RPC's by-name params; typed channels only). For a typed method whose only parameter is
     * an object type, an object is that argument itself unless it has exactly one member, named as the parameter.
     *
     * @throws ProtocolViolation {@link ErrorCodes#INVALID_PARAMS} when they do not fit the method
     */
    public Object[] readParams(Envelope message, ObjectMapper mapper) throws ProtocolViolation {
        if (!message.hasValue()) {
            return readParamsFrom(message, null);
        }
        try (JsonParser p = reading.createParser(message.frame, message.valueStart, message.valueEnd - message.valueStart)) {
            p.nextToken();
            return readParamsFrom(message, p);
        } catch (JacksonException e) {
            throw invalidParams(message, "arguments do not fit " + describe() + ": " + e.getOriginalMessage());
        }
    }

    private Object[] readParamsFrom(Envelope message, JsonParser p) throws ProtocolViolation {
        if (p == null) {
            if (parameterReaders != null && parameterReaders.length != 0) {
                throw invalidParams(message, describe() + " takes " + parameterReaders.length + " argument(s), got none");
            }
            return new Object[0];
        }
        if (p.currentToken() == JsonToken.START_OBJECT) {
            if (loneObjectParameter && !isByName(message)) {
                return new Object[] {readArgument(message, p, 0)};
            }
            return readNamedParams(message, p);
        }
        if (parameterReaders == null) {
            return readUntypedParams(message, p);
        }
        Object[] args = new Object[parameterReaders.length];
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (count < args.length) {
                args[count] = readArgument(message, p, count);
            } else {
                p.skipChildren();
            }
            count++;
        }
        if (count != args.length) {
            throw invalidParams(message, describe() + " takes " + args.length + " argument(s), got " + count);
        }
        return args;
    }

    /** Whether object params are the by-name form: exactly one member, named as the only parameter. */
    private boolean isByName(Envelope message) {
        try (JsonParser p = reading.createParser(message.frame, message.valueStart, message.valueEnd - message.valueStart)) {
            p.nextToken();
            String first = p.nextName();
            if (first == null || !first.equals(method.parameterNames().get(0))) {
                return false;
            }
            p.nextToken();
            p.skipChildren();
            return p.nextName() == null;
        }
    }

    private Object[] readUntypedParams(Envelope message, JsonParser p) throws ProtocolViolation {
        java.util.ArrayList<Object> args = new java.util.ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            args.add(readArgument(message, p, args.size()));
        }
        return args.toArray();
    }

    /**
     * Reads argument {@code index} (from 0) at the parser's current token with its reader; a value that does not fit
     * is {@code -32602} naming the argument (its position, its parameter's name, where inside it).
     */
    private Object readArgument(Envelope message, JsonParser p, int index) throws ProtocolViolation {
        try {
            return (parameterReaders != null ? parameterReaders[index] : anyReader).readValue(p);
        } catch (JacksonException e) {
            String name = parameterReaders != null ? " (" + method.parameterNames().get(index) + ")" : "";
            throw invalidParams(message, "arguments do not fit " + describe(message) + ": " + e.getOriginalMessage()
                    + "; in argument " + (index + 1) + name + where(e));
        }
    }

    /**
     * Where inside a value Jackson failed, such as {@code " at .points[2].x"}; empty at the value itself. Read from
     * the exception's path, never from {@code getMessage()}, which adds the source location.
     */
    private static String where(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " at " + path;
    }

    private Object[] readNamedParams(Envelope message, JsonParser p) throws ProtocolViolation {
        if (parameterReaders == null) {
            throw invalidParams(message, "untyped channels take positional arguments only");
        }
        List<String> names = method.parameterNames();
        Object[] args = new Object[parameterReaders.length];
        boolean[] seen = new boolean[args.length];
        String name;
        while ((name = p.nextName()) != null) {
            int index = names.indexOf(name);
            if (index < 0) {
                throw invalidParams(message, describe() + " has no parameter \"" + name + "\"");
            }
            p.nextToken();
            args[index] = readArgument(message, p, index);
            seen[index] = true;
        }
        for (int i = 0; i < args.length; i++) {
            if (!seen[i]) {
                throw invalidParams(message, describe() + " is missing the argument \"" + names.get(i) + "\"");
            }
        }
        return args;
    }

    /**
     * Decodes a result reply's value with the method's result type.
     *
     * @throws ResultMismatch when the value does not fit it, saying what and where inside the value
     */
    public Object readResult(Envelope message) {
        if (!message.hasValue()) {
            return null;
        }
        try {
            return resultReader.readValue(message.frame, message.valueStart, message.valueEnd - message.valueStart);
        } catch (JacksonException e) {
            String where = where(e);
            throw new ResultMismatch(e.getOriginalMessage() + (where.isEmpty() ? "" : "; in the result" + where), e);
        }
    }

    /** Decodes an error reply's {@code data} as JSON's natural types ({@code null} when absent). */
    public Object readErrorData(Envelope message) {
        if (!message.hasValue()) {
            return null;
        }
        return anyReader.readValue(message.frame, message.valueStart, message.valueEnd - message.valueStart);
    }

    private String describe() {
        return method == null ? "the channel" : method.channel() + method.parameterNames();
    }

    /** The channel with its parameter names, or the message's channel for the untyped codec. */
    private String describe(Envelope message) {
        return method == null ? message.method() : describe();
    }

    private static ProtocolViolation invalidParams(Envelope message, String text) {
        return new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, text, message.id());
    }
}
