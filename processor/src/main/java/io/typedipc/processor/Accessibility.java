package io.typedipc.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether generated code can name a type. Generated classes live in the interface's package and are not subclasses
 * of anything the user wrote, so a type is usable when it and every type enclosing it is public, or not private and
 * in that same package.
 */
final class Accessibility {
    private final Elements elements;

    Accessibility(Elements elements) {
        this.elements = elements;
    }

    boolean isAccessibleFrom(TypeElement type, String packageName) {
        Element current = type;
        while (current instanceof TypeElement element) {
            NestingKind nesting = element.getNestingKind();
            if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
                return false;
            }
            if (element.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!element.getModifiers().contains(Modifier.PUBLIC) && !packageOf(element).equals(packageName)) {
                return false;
            }
            current = element.getEnclosingElement();
        }
        return true;
    }

    /** Whether the type can be seen from every package, so generated classes for it may be public. */
    boolean isPublicEverywhere(TypeElement type) {
        Element current = type;
        while (current instanceof TypeElement element) {
            if (!element.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
            current = element.getEnclosingElement();
        }
        return true;
    }

    String packageOf(Element element) {
        PackageElement pkg = elements.getPackageOf(element);
        return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    }
}
