package io.typedipc.maven.manifest;

import java.util.List;
import java.util.Objects;

/** A named data type of a format-2 manifest (a {@code TYPEDEF}): what a {@link Shape.RefShape} points at. */
public sealed interface TypeDef {

    /**
     * A JSON object: a record or a bean.
     *
     * @param style      {@code record} or {@code bean}
     * @param properties the JSON properties, with their names as Jackson writes them
     */
    record ObjectType(String style, List<Property> properties) implements TypeDef {
        public ObjectType {
            properties = List.copyOf(properties);
        }

        /** The property of that JSON name, or {@code null}. */
        public Property property(String name) {
            for (Property property : properties) {
                if (property.name().equals(name)) {
                    return property;
                }
            }
            return null;
        }
    }

    /**
     * One property of an object.
     *
     * @param name          its JSON name
     * @param schema        its shape
     * @param required      whether a Java reader fails without it (a creator property marked
     *                      {@code @JsonProperty(required = true)}); any other missing property reads as null, 0 or false
     * @param alwaysWritten whether Java always writes it ({@code false} when {@code @JsonInclude} may leave it out)
     * @param readOnly      whether Java writes it but ignores it when reading (a getter without setter, field or
     *                      creator parameter)
     */
    record Property(String name, Shape schema, boolean required, boolean alwaysWritten, boolean readOnly) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /**
     * An enum.
     *
     * @param values its constants as JSON strings, in declaration order
     */
    record EnumType(List<String> values) implements TypeDef {
        public EnumType {
            values = List.copyOf(values);
        }
    }

    /**
     * A sealed hierarchy sent as a tagged union.
     *
     * @param discriminator the property that carries the tag inside each variant's object
     * @param variants      the tags and the named types they stand for
     */
    record UnionType(String discriminator, List<Variant> variants) implements TypeDef {
        public UnionType {
            variants = List.copyOf(variants);
        }
    }

    /** One variant of a union: its tag and the name of its type in {@link Manifest#types()}. */
    record Variant(String tag, String type) {
        public Variant {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A type the processor accepts as data but does not describe; {@code reason} says why. */
    record OpaqueType(String reason) implements TypeDef {}

    /** A type definition of a kind this reader does not know; {@code json} is its JSON text. */
    record UnknownType(String kind, String json) implements TypeDef {}
}
