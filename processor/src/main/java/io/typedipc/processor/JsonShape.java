package io.typedipc.processor;

/**
 * The JSON form of one value, as Jackson 3 writes and reads it: what the manifest calls a SHAPE (docs/channels.md,
 * "The channel manifest"). Named data types (records, beans, enums, unions) are not inlined but referenced by their
 * key in {@link DataTypes}; a position that cannot be data is an {@link Invalid} carrying the reason.
 */
sealed interface JsonShape {

    /** Whether JSON {@code null} may appear here. */
    boolean nullable();

    /** {@code boolean}, {@code integer} (with {@code bits}), {@code number}, {@code decimal} or {@code string}. */
    record Scalar(String kind, int bits, String format, boolean nullable) implements JsonShape {
        static final int NO_BITS = -1;
    }

    /** A JSON array: collections and arrays ({@code unique} for sets). */
    record ArrayOf(JsonShape items, boolean unique, boolean nullable) implements JsonShape {}

    /** A JSON object whose keys are the map's keys written as strings. */
    record MapOf(JsonShape keys, JsonShape values, boolean nullable) implements JsonShape {}

    /** {@code Optional}: the value, or {@code null} when empty. */
    record OptionalOf(JsonShape value, boolean nullable) implements JsonShape {}

    /** A named data type, described once in the manifest's {@code types}. */
    record Ref(String key, boolean nullable) implements JsonShape {}

    /** A position that cannot be data; never written (an interface with one gets an error, not a manifest). */
    record Invalid(DataTypeRules.Problem problem) implements JsonShape {
        @Override
        public boolean nullable() {
            return true;
        }
    }
}
