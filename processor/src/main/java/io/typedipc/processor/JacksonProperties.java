package io.typedipc.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The properties of a record or class as Jackson 3 (default mapper settings) finds them, and whether Jackson can
 * create the class when reading. Mirrors Jackson's defaults: public fields and public getters ({@code getX},
 * {@code isX} for {@code boolean}/{@code Boolean}) are written, anything marked {@code @JsonProperty} too, nothing
 * marked {@code @JsonIgnore}; names follow the JavaBeans rule ({@code getURL} is {@code URL}); a property is read
 * back through a setter (any visibility), a non-final field of its name, or a creator parameter; a class is created
 * through its canonical constructor (records), a {@code @JsonCreator} whose parameters all carry
 * {@code @JsonProperty}, or a no-argument constructor (any visibility). Creator properties come first, in parameter
 * order, then the others by name, as Jackson 3 writes them.
 */
final class JacksonProperties {

    /** One property found. */
    record Found(String name, Element member, TypeMirror type, boolean required, boolean alwaysWritten,
            boolean readOnly) {}

    /** The properties of a type, or why Jackson cannot bind it. */
    record Binding(List<Found> properties, String problem) {}

    /** What is known about one implicit property name while members are collected. */
    private static final class Candidate {
        final String implicitName;
        String explicitName;
        Element writtenBy;
        TypeMirror type;
        boolean ignored;
        boolean mutable;
        boolean visible;
        boolean omittable;
        boolean required;
        int creatorIndex = -1;

        Candidate(String implicitName) {
            this.implicitName = implicitName;
        }

        String name() {
            return explicitName != null ? explicitName : implicitName;
        }
    }

    private final Types types;

    JacksonProperties(Types types) {
        this.types = types;
    }

    boolean hasNoArgConstructor(TypeElement element) {
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(element.getEnclosedElements());
        return constructors.isEmpty() || constructors.stream().anyMatch(c -> c.getParameters().isEmpty());
    }

    Binding bind(DeclaredType type, TypeElement element) {
        Map<String, Candidate> byName = new LinkedHashMap<>();
        boolean isRecord = element.getKind() == ElementKind.RECORD;
        boolean hasState = false;
        if (isRecord) {
            int index = 0;
            for (RecordComponentElement component : element.getRecordComponents()) {
                Candidate candidate = candidate(byName, component.getSimpleName().toString());
                ExecutableElement accessor = component.getAccessor();
                candidate.writtenBy = fieldOf(element, component);
                candidate.type = ((ExecutableType) types.asMemberOf(type, accessor)).getReturnType();
                candidate.visible = true;
                candidate.mutable = true;
                candidate.creatorIndex = index++;
                note(candidate, accessor);
                hasState = true;
            }
        }
        // Members of the class and its superclasses, nearest first (an override hides what it overrides).
        for (TypeElement current = element; current != null; current = superclass(current)) {
            for (VariableElement field : ElementFilter.fieldsIn(current.getEnclosedElements())) {
                if (field.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                hasState = true;
                if (field.getModifiers().contains(Modifier.TRANSIENT)) {
                    continue;
                }
                Candidate candidate = candidate(byName, field.getSimpleName().toString());
                boolean visible = field.getModifiers().contains(Modifier.PUBLIC)
                        || JacksonAnnotations.has(field, JacksonAnnotations.JSON_PROPERTY);
                if (!field.getModifiers().contains(Modifier.FINAL)) {
                    candidate.mutable = true;
                }
                if (visible && candidate.writtenBy == null) {
                    candidate.writtenBy = field;
                    candidate.type = types.asMemberOf(type, field);
                }
                candidate.visible |= visible;
                note(candidate, field);
            }
            for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
                if (method.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                String name = method.getSimpleName().toString();
                boolean annotated = JacksonAnnotations.has(method, JacksonAnnotations.JSON_PROPERTY);
                boolean visible = method.getModifiers().contains(Modifier.PUBLIC) || annotated;
                if (method.getParameters().isEmpty() && method.getReturnType().getKind() != TypeKind.VOID) {
                    String implicit = getterName(name, method.getReturnType());
                    if (implicit == null && annotated) {
                        implicit = name;
                    }
                    if (implicit == null || (isRecord && isComponentAccessor(element, method))) {
                        continue;
                    }
                    Candidate candidate = candidate(byName, implicit);
                    if (visible && candidate.writtenBy == null) {
                        candidate.writtenBy = method;
                        candidate.type = ((ExecutableType) types.asMemberOf(type, method)).getReturnType();
                    }
                    candidate.visible |= visible;
                    note(candidate, method);
                } else if (method.getParameters().size() == 1 && name.length() > 3 && name.startsWith("set")) {
                    Candidate candidate = candidate(byName, decapitalize(name.substring(3)));
                    candidate.mutable = true;
                    note(candidate, method);
                }
            }
        }
        String creatorProblem = isRecord ? null : creators(element, byName);
        if (creatorProblem != null) {
            return new Binding(List.of(), creatorProblem);
        }
        List<Candidate> written = new ArrayList<>();
        for (Candidate candidate : byName.values()) {
            if (!candidate.ignored && candidate.visible && candidate.writtenBy != null) {
                written.add(candidate);
            }
        }
        if (written.isEmpty() && hasState && !isRecord) {
            return new Binding(List.of(), "has no property Jackson can see (no public field or getter, nothing"
                    + " marked @JsonProperty), so it would travel as {} and lose its fields; add public getters (and"
                    + " a way to set them), or make it a record");
        }
        written.sort(Comparator.comparingInt((Candidate c) -> c.creatorIndex < 0 ? Integer.MAX_VALUE : c.creatorIndex)
                .thenComparing(c -> c.creatorIndex < 0 ? c.name() : ""));
        boolean classOmits = JacksonAnnotations.mayBeOmitted(element);
        List<Found> found = new ArrayList<>();
        for (Candidate candidate : written) {
            found.add(new Found(candidate.name(), candidate.writtenBy, candidate.type,
                    candidate.required && candidate.creatorIndex >= 0, !classOmits && !candidate.omittable,
                    !candidate.mutable));
        }
        return new Binding(List.copyOf(found), null);
    }

    /**
     * Checks that Jackson can create the class, marking creator parameters as ways to read their properties; returns
     * the reason when it cannot.
     */
    private String creators(TypeElement element, Map<String, Candidate> byName) {
        List<ExecutableElement> annotated = new ArrayList<>();
        for (ExecutableElement constructor : ElementFilter.constructorsIn(element.getEnclosedElements())) {
            if (JacksonAnnotations.has(constructor, JacksonAnnotations.JSON_CREATOR)) {
                annotated.add(constructor);
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
            if (method.getModifiers().contains(Modifier.STATIC)
                    && JacksonAnnotations.has(method, JacksonAnnotations.JSON_CREATOR)) {
                annotated.add(method);
            }
        }
        for (ExecutableElement creator : annotated) {
            AnnotationMirror mirror = JacksonAnnotations.find(creator, JacksonAnnotations.JSON_CREATOR);
            String mode = JacksonAnnotations.enumValue(mirror, "mode");
            if ("DISABLED".equals(mode)) {
                continue;
            }
            String what = creator.getKind() == ElementKind.CONSTRUCTOR ? "constructor" : "factory "
                    + creator.getSimpleName() + "()";
            if ("DELEGATING".equals(mode)) {
                return "has a delegating @JsonCreator " + what + ", which reads the whole JSON value into its"
                        + " parameter while Jackson writes " + element.getSimpleName() + " as an object of its"
                        + " properties, so it would not read back; add @JsonValue to say how it is written, or use"
                        + " properties";
            }
            int index = 0;
            for (VariableElement parameter : creator.getParameters()) {
                String name = JacksonAnnotations.propertyName(parameter);
                if (name == null) {
                    return "has a @JsonCreator " + what + " whose parameter '" + parameter.getSimpleName() + "' has"
                            + " no @JsonProperty; Jackson matches it to a property only when the class is compiled"
                            + " with -parameters (and reads the whole value into a sole parameter), so annotate it:"
                            + " @JsonProperty(\"" + parameter.getSimpleName() + "\")";
                }
                Candidate candidate = null;
                for (Candidate existing : byName.values()) {
                    if (existing.name().equals(name)) {
                        candidate = existing;
                    }
                }
                if (candidate == null) {
                    candidate = candidate(byName, name);
                }
                candidate.mutable = true;
                candidate.creatorIndex = index++;
                note(candidate, parameter);
            }
            return null;
        }
        if (hasNoArgConstructor(element)) {
            return null;
        }
        return "has no constructor Jackson can use to read it back: no no-argument constructor, and no @JsonCreator"
                + " (Jackson 3 would guess from a sole constructor only if the class were compiled with -parameters,"
                + " which the processor cannot see); add a no-argument constructor, or annotate a constructor with"
                + " @JsonCreator and each of its parameters with @JsonProperty(\"name\"), or make it a record";
    }

    private static Candidate candidate(Map<String, Candidate> byName, String implicitName) {
        return byName.computeIfAbsent(implicitName, Candidate::new);
    }

    /** Records what a member's annotations say about its property: a new name, ignored, maybe left out. */
    private static void note(Candidate candidate, Element member) {
        if (JacksonAnnotations.isIgnored(member)) {
            candidate.ignored = true;
        }
        String renamed = JacksonAnnotations.propertyName(member);
        if (renamed != null && candidate.explicitName == null) {
            candidate.explicitName = renamed;
        }
        if (JacksonAnnotations.mayBeOmitted(member)) {
            candidate.omittable = true;
        }
        if (Boolean.TRUE.equals(JacksonAnnotations.value(
                JacksonAnnotations.find(member, JacksonAnnotations.JSON_PROPERTY), "required"))) {
            candidate.required = true;
        }
    }

    /** A record component's private field: javac places errors at it (a component element has no position). */
    private static Element fieldOf(TypeElement record, RecordComponentElement component) {
        for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
            if (field.getSimpleName().equals(component.getSimpleName())) {
                return field;
            }
        }
        return component;
    }

    private static boolean isComponentAccessor(TypeElement record, ExecutableElement method) {
        for (RecordComponentElement component : record.getRecordComponents()) {
            if (method.equals(component.getAccessor())) {
                return true;
            }
        }
        return false;
    }

    /** A getter's implicit property name, or {@code null} when the method is not a getter by its name. */
    private static String getterName(String name, TypeMirror returnType) {
        if (name.length() > 3 && name.startsWith("get") && !name.equals("getClass")) {
            return decapitalize(name.substring(3));
        }
        if (name.length() > 2 && name.startsWith("is") && (returnType.getKind() == TypeKind.BOOLEAN
                || returnType.toString().equals("java.lang.Boolean"))) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    /** The JavaBeans rule Jackson 3 follows: {@code URL} stays, {@code Name} becomes {@code name}. */
    static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private TypeElement superclass(TypeElement element) {
        TypeMirror parent = element.getSuperclass();
        if (parent.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement next = (TypeElement) types.asElement(parent);
        String name = next.getQualifiedName().toString();
        return name.equals("java.lang.Object") || name.equals("java.lang.Record") ? null : next;
    }
}
