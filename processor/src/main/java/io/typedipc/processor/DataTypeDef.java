package io.typedipc.processor;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A named data type as Jackson 3 binds it: what the manifest calls a TYPEDEF. Built once per type (with its type
 * arguments) by {@link DataTypes}. A type that cannot be data at all (abstract, no creator, ...) gets no definition:
 * the positions that name it are {@link JsonShape.Invalid}. Problems of a property sit in the property's shape.
 */
sealed interface DataTypeDef {

    /** The declaring type. */
    TypeElement element();

    /**
     * One JSON property.
     *
     * @param name the JSON name (after {@code @JsonProperty})
     * @param member the field, accessor or record component the property comes from (where its errors are shown)
     * @param javaType the property's type as people read it, with the owner's type arguments filled in
     * @param required whether a Java reader fails without it: a creator property marked
     *     {@code @JsonProperty(required = true)}; any other missing property reads as null, 0 or false
     * @param alwaysWritten whether Java always writes it (nothing like {@code @JsonInclude(NON_NULL)} leaves it out)
     * @param readOnly whether Java writes it but never reads it back (a getter with no setter, field or creator)
     */
    record Property(String name, Element member, String javaType, JsonShape shape, boolean required,
            boolean alwaysWritten, boolean readOnly) {}

    /** A record or bean: a JSON object. */
    record ObjectDef(TypeElement element, String style, List<Property> properties) implements DataTypeDef {}

    /** An enum: a JSON string, one of {@code values}. */
    record EnumDef(TypeElement element, List<String> values) implements DataTypeDef {}

    /**
     * One member of a tagged union.
     *
     * @param tag the discriminator's value ({@code @JsonTypeName} or the simple name)
     * @param element the variant's class, named by generated code
     * @param shape a {@link JsonShape.Ref} to the variant's own data type, or why it cannot be data
     * @param form {@code "property"} (an object carrying the discriminator) or {@code "wrapper-array"} (an enum
     *     constant, written {@code [tag, constant]} by Jackson because a string cannot carry a property)
     */
    record Variant(String tag, TypeElement element, JsonShape shape, String form) {}

    /** A sealed hierarchy sent as a tagged union; {@code variants} are its concrete leaves. */
    record UnionDef(TypeElement element, String discriminator, List<Variant> variants) implements DataTypeDef {}

    /** Accepted but not described: Jackson's own annotations decide its form. */
    record OpaqueDef(TypeElement element, String reason) implements DataTypeDef {}
}
