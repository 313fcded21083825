package io.typedipc.processor;

import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The types that can never be data, whatever Jackson would make of them: code (functional interfaces), one-shot
 * sequences (streams, iterators), live JVM resources (threads, class loaders, I/O streams), {@code Class},
 * {@code Object} (which says nothing about what is sent), futures nested in data and raw generic types; and whether
 * generated code can name a type. {@link DataTypes} calls these while it walks a type as Jackson binds it.
 */
final class DataTypeRules {

    /** Why a type cannot be data, with the tag to report and the end of the sentence that explains it. */
    record Problem(ErrorTag tag, String reason) {}

    private static final String FUNCTION = "is a function, and code cannot cross a process boundary; send the data"
            + " the function needs and let the receiver run the code";
    private static final String SEQUENCE = "is a one-shot sequence that cannot be encoded as data; send a List or"
            + " an array instead";
    private static final String RESOURCE = "is a live JVM resource that only means something in this process; send"
            + " an identifier or the data itself instead";
    private static final String CLASS = "is a Class, which the receiver would have to load by reflection; send a"
            + " name or an enum instead";
    private static final String OBJECT = "is Object, which says nothing about what is sent and cannot be read back"
            + " as anything but maps and lists; use a concrete type such as a record, a String or a Map<String, T>";
    private static final String FUTURE = "is a future inside data; only a method's own return type may be"
            + " CompletableFuture<T> or CompletionStage<T>, and its T must be data";

    private static final Set<String> FUNCTIONS = Set.of(
            "java.lang.Runnable", "java.util.concurrent.Callable", "java.util.Comparator");
    private static final Set<String> SEQUENCES = Set.of(
            "java.util.Iterator", "java.util.ListIterator", "java.util.Spliterator", "java.util.Enumeration",
            "java.util.stream.BaseStream");
    private static final Set<String> RESOURCES = Set.of(
            "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader", "java.io.InputStream",
            "java.io.OutputStream", "java.io.Reader", "java.io.Writer", "java.lang.AutoCloseable",
            "java.util.concurrent.Executor", "java.net.Socket", "java.net.ServerSocket");
    private static final Set<String> FUTURES = Set.of(
            "java.util.concurrent.Future", "java.util.concurrent.CompletionStage");

    private final Types types;
    private final Elements elements;
    private final Accessibility accessibility;
    /** {@link #forbiddenKind} by qualified class name; {@link #NONE} when the class may be data. */
    private final java.util.Map<String, Problem> byClass = new java.util.HashMap<>();
    private static final Problem NONE = new Problem(ErrorTag.NOT_DATA, "");

    DataTypeRules(Types types, Elements elements, Accessibility accessibility) {
        this.types = types;
        this.elements = elements;
        this.accessibility = accessibility;
    }

    /**
     * Why a declared type that is not a data type in its own right cannot be data (code, one-shot sequences, live
     * resources, {@code Class}, {@code Object}, futures, raw generic types), or {@code null} when it may be: whether
     * it really is data is then decided by {@link DataTypes}, which knows how Jackson binds it.
     */
    Problem forbidden(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        // What a class is does not depend on its type arguments: decided once per class and kept.
        Problem byKind = byClass.computeIfAbsent(name, key -> forbiddenKind(type, element));
        if (byKind != NONE) {
            return byKind;
        }
        if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
            return new Problem(ErrorTag.RAW_TYPE, "is the raw type " + element.getSimpleName()
                    + ", whose elements cannot be decoded without their type; give its type arguments, for example "
                    + element.getSimpleName() + "<String>");
        }
        return null;
    }

    private Problem forbiddenKind(DeclaredType type, TypeElement element) {
        String name = element.getQualifiedName().toString();
        if (name.equals("java.lang.Object")) {
            return new Problem(ErrorTag.NOT_DATA, OBJECT);
        }
        if (name.equals("java.lang.Class")) {
            return new Problem(ErrorTag.NOT_DATA, CLASS);
        }
        if (isFunction(element)) {
            return new Problem(ErrorTag.NOT_DATA, FUNCTION);
        }
        if (isSubtypeOfAny(type, SEQUENCES)) {
            return new Problem(ErrorTag.NOT_DATA, SEQUENCE);
        }
        if (isSubtypeOfAny(type, RESOURCES)) {
            return new Problem(ErrorTag.NOT_DATA, RESOURCE);
        }
        if (isSubtypeOfAny(type, FUTURES)) {
            return new Problem(ErrorTag.NOT_DATA, FUTURE);
        }
        return NONE;
    }

    /** The wildcard {@code ?}: it means Object. */
    static Problem bareWildcard() {
        return new Problem(ErrorTag.NOT_DATA, "is the wildcard ?, which means Object: it says nothing about"
                + " what is sent; name the element type instead");
    }

    /** A type variable, intersection or other type kind that has no JSON form. */
    static Problem noJsonForm(TypeMirror type) {
        return new Problem(ErrorTag.NOT_DATA, "is a " + type.getKind().toString().toLowerCase(
                java.util.Locale.ROOT).replace('_', ' ') + " type, which cannot be encoded as data; use a"
                + " concrete type");
    }

    /**
     * The first class in a parameter's or result's type expression (its type arguments and array components) that
     * the generated code could not name in its {@code TypeRecipe}, or {@code null}.
     */
    Problem inaccessible(TypeMirror type, String packageName) {
        if (type instanceof ArrayType array) {
            return inaccessible(array.getComponentType(), packageName);
        }
        if (type instanceof WildcardType wildcard) {
            TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
                    : wildcard.getSuperBound();
            return bound == null ? null : inaccessible(bound, packageName);
        }
        if (type instanceof DeclaredType declared) {
            TypeElement element = (TypeElement) declared.asElement();
            if (!accessibility.isAccessibleFrom(element, packageName)) {
                return notAccessible(element, packageName);
            }
            for (TypeMirror argument : declared.getTypeArguments()) {
                Problem problem = inaccessible(argument, packageName);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    static Problem notAccessible(TypeElement element, String packageName) {
        return new Problem(ErrorTag.NOT_ACCESSIBLE, "cannot be named by the generated code in package '"
                + packageName + "'; make " + element.getSimpleName() + " (and any class enclosing it) public");
    }

    private boolean isFunction(TypeElement element) {
        String name = element.getQualifiedName().toString();
        if (FUNCTIONS.contains(name) || name.startsWith("java.util.function.")) {
            return true;
        }
        for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals("java.lang.FunctionalInterface")) {
                return true;
            }
        }
        return false;
    }

    private boolean isSubtypeOfAny(DeclaredType type, Set<String> names) {
        TypeMirror erased = types.erasure(type);
        for (String name : names) {
            TypeElement candidate = elements.getTypeElement(name);
            if (candidate != null && types.isSubtype(erased, types.erasure(candidate.asType()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a type is (or contains) a type kind the processor must wait for: another processor's output. */
    static boolean isUnresolved(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return isUnresolved(array.getComponentType());
        }
        if (type instanceof WildcardType wildcard) {
            return (wildcard.getExtendsBound() != null && isUnresolved(wildcard.getExtendsBound()))
                    || (wildcard.getSuperBound() != null && isUnresolved(wildcard.getSuperBound()));
        }
        if (type instanceof DeclaredType declared) {
            for (TypeMirror argument : declared.getTypeArguments()) {
                if (isUnresolved(argument)) {
                    return true;
                }
            }
        }
        return false;
    }
}
