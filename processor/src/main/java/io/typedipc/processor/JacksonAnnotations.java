package io.typedipc.processor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads the Jackson annotations that change how a type binds, by name through the mirror API: the processor does not
 * depend on Jackson, and the user's code may be compiled without it on the processor path.
 */
final class JacksonAnnotations {
    static final String PACKAGE = "com.fasterxml.jackson.annotation.";
    static final String DATABIND = "tools.jackson.databind.annotation.";

    static final String JSON_PROPERTY = PACKAGE + "JsonProperty";
    static final String JSON_IGNORE = PACKAGE + "JsonIgnore";
    static final String JSON_CREATOR = PACKAGE + "JsonCreator";
    static final String JSON_TYPE_NAME = PACKAGE + "JsonTypeName";
    static final String JSON_TYPE_INFO = PACKAGE + "JsonTypeInfo";
    static final String JSON_INCLUDE = PACKAGE + "JsonInclude";

    /**
     * Annotations that give a type a JSON form of its own (a value, custom (de)serialisers, renamed or unwrapped
     * members, polymorphic type ids): such a type is accepted as Jackson binds it and described as opaque.
     */
    static final Set<String> CUSTOM_FORM = Set.of(
            PACKAGE + "JsonValue", PACKAGE + "JsonAnyGetter", PACKAGE + "JsonAnySetter", PACKAGE + "JsonUnwrapped",
            PACKAGE + "JsonRawValue", PACKAGE + "JsonTypeInfo", PACKAGE + "JsonSubTypes", PACKAGE + "JsonIdentityInfo",
            PACKAGE + "JsonFormat", PACKAGE + "JsonKey", DATABIND + "JsonSerialize", DATABIND + "JsonDeserialize",
            DATABIND + "JsonNaming", DATABIND + "JsonTypeResolver", DATABIND + "JsonTypeIdResolver");

    private JacksonAnnotations() {}

    static AnnotationMirror find(Element element, String name) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
                return mirror;
            }
        }
        return null;
    }

    static boolean has(Element element, String name) {
        return find(element, name) != null;
    }

    /** The first annotation on {@code element} that customises its JSON form, as {@code @Name}, or {@code null}. */
    static String customForm(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (CUSTOM_FORM.contains(type.getQualifiedName().toString())) {
                return "@" + type.getSimpleName();
            }
        }
        return null;
    }

    /** An annotation member's value as written, or {@code null} when left to its default. */
    static Object value(AnnotationMirror mirror, String member) {
        if (mirror == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(member)) {
                return entry.getValue().getValue();
            }
        }
        return null;
    }

    /** {@code @JsonProperty("name")}'s name, or {@code null} when absent or empty. */
    static String propertyName(Element element) {
        Object value = value(find(element, JSON_PROPERTY), "value");
        return value instanceof String text && !text.isEmpty() ? text : null;
    }

    /** Whether {@code @JsonIgnore} (true, its default) is on the element. */
    static boolean isIgnored(Element element) {
        AnnotationMirror mirror = find(element, JSON_IGNORE);
        return mirror != null && !Boolean.FALSE.equals(value(mirror, "value"));
    }

    /** Whether {@code @JsonInclude} leaves the property out in some cases (anything but ALWAYS). */
    static boolean mayBeOmitted(Element element) {
        Object value = value(find(element, JSON_INCLUDE), "value");
        return value != null && !value.toString().equals("ALWAYS") && !value.toString().equals("USE_DEFAULTS");
    }

    /** The enum constant named by an annotation value ({@code JsonCreator.Mode.DELEGATING}) as its simple name. */
    static String enumValue(AnnotationMirror mirror, String member) {
        Object value = value(mirror, member);
        return value == null ? null : value.toString();
    }

    static List<? extends AnnotationMirror> all(Element element) {
        return element.getAnnotationMirrors();
    }
}
