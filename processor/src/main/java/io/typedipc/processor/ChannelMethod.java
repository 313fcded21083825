package io.typedipc.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One validated channel method, with every type already seen as a member of the channel interface (so methods
 * inherited from a generic super-interface have their type arguments filled in).
 *
 * @param element the method as declared (perhaps in a super-interface)
 * @param channelId the full {@code package:action} id
 * @param constantName the name of the descriptor constant in the generated sender
 * @param returnType the method's return type as written ({@code void}, a plain type, or the future type)
 * @param resultType what travels back: {@code null} for one-way, the return type for blocking (may be primitive),
 *     the future's type argument for async
 * @param resultShape the JSON shape of the result, {@code null} for one-way
 * @param thrownTypes every type in the method's {@code throws} clause, checked or not, copied onto the sender
 * @param declaredErrors the checked exceptions that are carried back to the caller, in declaration order
 * @param deadlineMillis the channel's own deadline, or 0 for the runtime default
 */
record ChannelMethod(
        ExecutableElement element,
        String channelId,
        String constantName,
        MethodKind kind,
        List<ChannelParameter> parameters,
        TypeMirror returnType,
        TypeMirror resultType,
        JsonShape resultShape,
        List<TypeMirror> thrownTypes,
        List<DeclaredError> declaredErrors,
        long deadlineMillis) {

    String name() {
        return element.getSimpleName().toString();
    }

    /** The shapes of the parameters and the result: where the data types a call carries start. */
    List<JsonShape> shapes() {
        List<JsonShape> shapes = new java.util.ArrayList<>();
        parameters.forEach(parameter -> shapes.add(parameter.shape()));
        if (resultShape != null) {
            shapes.add(resultShape);
        }
        return shapes;
    }

    boolean isVarArgs() {
        return element.isVarArgs();
    }
}
