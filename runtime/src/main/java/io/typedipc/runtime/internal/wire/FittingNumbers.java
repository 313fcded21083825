package io.typedipc.runtime.internal.wire;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ArrayType;

/**
 * Refuses a JSON number that does not fit the Java type it is read as, where Jackson would change it silently
 * instead: a {@code double} or {@code float} that overflows ({@code 1e400} would be {@code Infinity}), a {@code byte}
 * outside -128..127 (Jackson takes 128..255 as unsigned and wraps them to negative values). Jackson has no setting
 * for either; its {@code short}, {@code int}, {@code long} and {@code BigInteger} reading already refuses a number out
 * of range. Rounding is not refused: {@code 0.1} is the nearest double, and a number too small for a double
 * ({@code 1e-400}) is zero. Covers the scalars, boxed or not, {@code double[]} and {@code float[]}, and the numbers
 * inside untyped values ({@code Object}, and so every untyped argument and result). Not {@code byte[]}: it is binary
 * data, and in its array form (base64 is the one Jackson writes) each number is an octet, -128..255 signed or not
 * (200 and -56 are the same byte 0xC8, nothing is lost); Jackson refuses the rest.
 */
public final class FittingNumbers extends ValueDeserializerModifier {
    private static final long serialVersionUID = 1L;

    private FittingNumbers() {}

    /** The module that installs the check on a mapper. */
    public static JacksonModule module() {
        SimpleModule module = new SimpleModule("typed-ipc-fitting-numbers");
        module.setDeserializerModifier(new FittingNumbers());
        return module;
    }

    @Override
    public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == byte.class || type == Byte.class || type == Object.class) {
            return new Checked(deserializer, type);
        }
        return deserializer;
    }

    @Override
    public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
            BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
        Class<?> element = type.getContentType().getRawClass();
        return element == double.class || element == float.class ? new Checked(deserializer, type.getRawClass()) : deserializer;
    }

    /** Jackson's own deserializer, then a look at what it made. */
    private static final class Checked extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final Class<?> type;

        Checked(ValueDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Checked(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if ((type == byte.class || type == Byte.class) && p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            || p.getLongValue() < Byte.MIN_VALUE || p.getLongValue() > Byte.MAX_VALUE)) {
                throw InvalidFormatException.from(p, "the number " + p.getString() + " does not fit a byte (-128 to 127)",
                        p.getString(), type);
            }
            Object value = super.deserialize(p, ctxt);
            if (!fits(value)) {
                String what = p.currentToken() != null && p.currentToken().isNumeric()
                        ? "the number " + p.getString() : "a number in it";
                throw InvalidFormatException.from(p, what + " is too large for a " + floatingType(value)
                        + " (it would be read as infinity)", value, type);
            }
            return value;
        }
    }

    /** The Java type of the first number of {@code value} that does not fit: a float or a double. */
    private static String floatingType(Object value) {
        return value instanceof Float || value instanceof float[] ? "float" : "double";
    }

    /**
     * Whether every floating-point number in {@code value} is finite: JSON has no infinity, so an infinite one was a
     * number too large for its type. Walks untyped maps and lists (bounded by the nesting limit).
     */
    static boolean fits(Object value) {
        if (value instanceof Double number) {
            return Double.isFinite(number);
        }
        if (value instanceof Float number) {
            return Float.isFinite(number);
        }
        if (value instanceof double[] numbers) {
            for (double number : numbers) {
                if (!Double.isFinite(number)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof float[] numbers) {
            for (float number : numbers) {
                if (!Float.isFinite(number)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                if (!fits(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!fits(element)) {
                    return false;
                }
            }
            return true;
        }
        return true;
    }
}
