package io.typedipc.processor;

import javax.lang.model.element.TypeElement;

/**
 * A checked exception a channel method declares, and how the caller's side rebuilds it from the message that
 * crossed the wire.
 */
record DeclaredError(TypeElement type, Rebuild rebuild) {

    /** Which public constructor rebuilds the exception. */
    enum Rebuild {
        /** {@code new X(message)}: the message survives. */
        MESSAGE_CONSTRUCTOR,
        /** {@code new X()}: the type survives, the message does not. */
        NO_ARG_CONSTRUCTOR
    }
}
