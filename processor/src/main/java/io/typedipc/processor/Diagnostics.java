package io.typedipc.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The processor's one path for reporting errors. Every error carries a tag and is pinned to the most precise place
 * known: an annotation value, else the annotation, else the element. The count lets a caller tell whether validating
 * one interface found anything, so nothing is generated for an interface with errors while every error is still
 * reported.
 */
final class Diagnostics {
    private final Messager messager;
    private int errors;

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    void error(ErrorTag tag, Element element, String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, tag.bracketed() + " " + message, element);
    }

    void error(ErrorTag tag, Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
        if (annotation == null) {
            error(tag, element, message);
            return;
        }
        errors++;
        String text = tag.bracketed() + " " + message;
        if (value == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, text, element, annotation);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, text, element, annotation, value);
        }
    }

    /** Reports at the annotation's {@code value} when the element carries one, else at the element. */
    void error(ErrorTag tag, Element element, ChannelAnnotation annotation, String message) {
        if (annotation == null) {
            error(tag, element, message);
        } else {
            error(tag, element, annotation.mirror(), annotation.valueOfValue(), message);
        }
    }

    /** How many errors have been reported so far; compare before and after validating something. */
    int errorCount() {
        return errors;
    }
}
