package io.typedipc.processor;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Channel} as written on an element, read through the mirror API (the annotation class itself is not
 * loaded at compile time reliably). Keeps the mirror and the values so errors can point at the exact value.
 */
record ChannelAnnotation(
        AnnotationMirror mirror,
        String value,
        AnnotationValue valueOfValue,
        long deadlineMillis,
        AnnotationValue valueOfDeadline) {

    static final String NAME = "io.typedipc.Channel";

    /** The element's {@code @Channel}, or {@code null} when it has none. */
    static ChannelAnnotation of(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (!type.getQualifiedName().contentEquals(NAME)) {
                continue;
            }
            String value = "";
            AnnotationValue valueOfValue = null;
            long deadline = 0;
            AnnotationValue valueOfDeadline = null;
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                    mirror.getElementValues().entrySet()) {
                String name = entry.getKey().getSimpleName().toString();
                Object raw = entry.getValue().getValue();
                if (name.equals("value") && raw instanceof String text) {
                    value = text;
                    valueOfValue = entry.getValue();
                } else if (name.equals("deadlineMillis") && raw instanceof Number number) {
                    deadline = number.longValue();
                    valueOfDeadline = entry.getValue();
                }
            }
            return new ChannelAnnotation(mirror, value, valueOfValue, deadline, valueOfDeadline);
        }
        return null;
    }

    /** Whether the value is a full {@code pkg:action} id rather than a package or an action. */
    boolean isFullId() {
        return value.indexOf(':') >= 0;
    }
}
