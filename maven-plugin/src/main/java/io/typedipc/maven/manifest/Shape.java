package io.typedipc.maven.manifest;

import java.util.Objects;

/**
 * The JSON form of one value in a format-2 manifest (a {@code SHAPE}). Named types are {@link RefShape references}
 * into {@link Manifest#types()}. Every shape says whether {@code null} may travel in its place.
 */
public sealed interface Shape {

    /** Whether JSON {@code null} is a valid value here (false for Java primitives). */
    boolean nullable();

    /** A JSON boolean. */
    record BooleanShape(boolean nullable) implements Shape {}

    /**
     * A JSON integer.
     *
     * @param bits 8, 16, 32 or 64 for {@code byte}, {@code short}, {@code int}, {@code long} (and boxes); 0 for
     *             unbounded ({@code BigInteger})
     */
    record IntegerShape(int bits, boolean nullable) implements Shape {}

    /**
     * A JSON floating-point number.
     *
     * @param bits 32 ({@code float}) or 64 ({@code double})
     */
    record NumberShape(int bits, boolean nullable) implements Shape {}

    /** A decimal number of arbitrary precision ({@code BigDecimal}). */
    record DecimalShape(boolean nullable) implements Shape {}

    /**
     * A JSON string.
     *
     * @param format what the string holds when it is more than text ({@code base64}, {@code instant},
     *               {@code uuid}, ... as listed in docs/channels.md), or {@code null} for plain text
     */
    record StringShape(String format, boolean nullable) implements Shape {}

    /**
     * A JSON array.
     *
     * @param items  the shape of every element
     * @param unique whether elements are distinct (a {@code Set})
     */
    record ArrayShape(Shape items, boolean unique, boolean nullable) implements Shape {
        public ArrayShape {
            Objects.requireNonNull(items, "items");
        }
    }

    /** A JSON object used as a map; keys are strings on the wire, {@code keys} says what they hold. */
    record MapShape(Shape keys, Shape values, boolean nullable) implements Shape {
        public MapShape {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(values, "values");
        }
    }

    /** An {@code Optional}: the value, or {@code null} for empty. */
    record OptionalShape(Shape value, boolean nullable) implements Shape {
        public OptionalShape {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A named type, defined in the manifest's {@link Manifest#types()} under {@code type}. */
    record RefShape(String type, boolean nullable) implements Shape {
        public RefShape {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A shape of a kind this reader does not know (written by a newer processor). Kept, not rejected, so that
     * older tools still read newer manifests; {@code json} is its JSON text, for exact comparison.
     */
    record UnknownShape(String kind, String json, boolean nullable) implements Shape {}
}
