package io.typedipc.processor;

import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides how a declared checked exception is rebuilt on the caller's side, or why it cannot be. Only the type name
 * and the message cross the wire, so the exception needs a public constructor taking the message (preferred) or no
 * arguments; it must be a concrete, statically nested or top-level class the generated code can name.
 */
final class ExceptionRules {

    /** The outcome for one thrown type: unchecked (nothing to carry), carried, or a reason it cannot be. */
    record Verdict(DeclaredError carried, String problem) {
        static final Verdict UNCHECKED = new Verdict(null, null);

        boolean isUnchecked() {
            return carried == null && problem == null;
        }
    }

    private final Types types;
    private final Elements elements;
    private final Accessibility accessibility;

    ExceptionRules(Types types, Elements elements, Accessibility accessibility) {
        this.types = types;
        this.elements = elements;
        this.accessibility = accessibility;
    }

    Verdict check(TypeMirror thrown, String packageName) {
        if (thrown.getKind() != TypeKind.DECLARED) {
            return new Verdict(null, "is not a class; declare a concrete checked exception class");
        }
        if (isSubtype(thrown, "java.lang.RuntimeException") || isSubtype(thrown, "java.lang.Error")) {
            return Verdict.UNCHECKED;
        }
        TypeElement type = (TypeElement) ((DeclaredType) thrown).asElement();
        String name = type.getQualifiedName().toString();
        if (name.equals("java.lang.Exception") || name.equals("java.lang.Throwable")) {
            return new Verdict(null, "is too broad to carry: the caller could not tell a declared failure from any"
                    + " other; declare the specific checked exceptions the method throws");
        }
        if (!isSubtype(thrown, "java.lang.Exception")) {
            return new Verdict(null, "extends Throwable but not Exception; make it extend Exception");
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return new Verdict(null, "is abstract, so the caller's side cannot create it; declare a concrete"
                    + " subclass instead");
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            return new Verdict(null, "is an inner class, which needs an enclosing instance to be created; make it"
                    + " static");
        }
        if (!accessibility.isAccessibleFrom(type, packageName)) {
            return new Verdict(null, "cannot be named by the generated code in package '" + packageName
                    + "'; make it (and any class enclosing it) public");
        }
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
        boolean noArg = false;
        for (ExecutableElement constructor : constructors) {
            if (!isUsable(constructor, type, packageName)) {
                continue;
            }
            List<? extends javax.lang.model.element.VariableElement> parameters = constructor.getParameters();
            if (parameters.size() == 1 && isString(parameters.get(0).asType())
                    && constructor.getThrownTypes().stream().allMatch(this::isUnchecked)) {
                return new Verdict(new DeclaredError(type, DeclaredError.Rebuild.MESSAGE_CONSTRUCTOR), null);
            }
            if (parameters.isEmpty() && constructor.getThrownTypes().stream().allMatch(this::isUnchecked)) {
                noArg = true;
            }
        }
        if (noArg) {
            return new Verdict(new DeclaredError(type, DeclaredError.Rebuild.NO_ARG_CONSTRUCTOR), null);
        }
        return new Verdict(null, "cannot be rebuilt on the caller's side: it needs a public constructor taking the"
                + " message, such as 'public " + type.getSimpleName() + "(String message) { super(message); }'");
    }

    private boolean isUsable(ExecutableElement constructor, TypeElement type, String packageName) {
        if (constructor.getKind() != ElementKind.CONSTRUCTOR || constructor.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        return constructor.getModifiers().contains(Modifier.PUBLIC)
                || accessibility.packageOf(type).equals(packageName);
    }

    private boolean isString(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals("java.lang.String");
    }

    private boolean isUnchecked(TypeMirror type) {
        return isSubtype(type, "java.lang.RuntimeException") || isSubtype(type, "java.lang.Error");
    }

    private boolean isSubtype(TypeMirror type, String name) {
        TypeElement target = elements.getTypeElement(name);
        return target != null && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
    }
}
