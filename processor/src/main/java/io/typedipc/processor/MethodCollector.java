package io.typedipc.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Finds the channel methods of an interface: its abstract methods, own ones first in source order, then those it
 * inherits from super-interfaces (nearest first). A method that a nearer interface overrides or implements with a
 * default method is not a channel; neither are static and private methods, nor abstract redeclarations of
 * {@code equals}, {@code hashCode} and {@code toString} (every object already has them).
 */
final class MethodCollector {
    private static final Set<String> OBJECT_METHODS = Set.of("equals(java.lang.Object)", "hashCode()", "toString()");

    private final Types types;

    MethodCollector(Types types) {
        this.types = types;
    }

    List<ExecutableElement> channelMethods(TypeElement channelInterface) {
        DeclaredType asMemberOf = (DeclaredType) channelInterface.asType();
        List<ExecutableElement> result = new ArrayList<>();
        Set<String> seenSignatures = new HashSet<>();
        Set<TypeElement> visited = new LinkedHashSet<>();
        Deque<TypeElement> queue = new ArrayDeque<>();
        queue.add(channelInterface);
        while (!queue.isEmpty()) {
            TypeElement type = queue.removeFirst();
            if (!visited.add(type)) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
                Set<Modifier> modifiers = method.getModifiers();
                if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
                    continue;
                }
                String signature = signature(asMemberOf, method);
                if (!seenSignatures.add(signature) || OBJECT_METHODS.contains(signature)) {
                    continue;
                }
                if (modifiers.contains(Modifier.ABSTRACT)) {
                    result.add(method);
                }
            }
            for (TypeMirror parent : type.getInterfaces()) {
                if (parent.getKind() == TypeKind.DECLARED) {
                    queue.addLast((TypeElement) ((DeclaredType) parent).asElement());
                }
            }
        }
        return result;
    }

    /** Name and erased parameter types as seen from the channel interface: what decides overriding. */
    private String signature(DeclaredType channelInterface, ExecutableElement method) {
        ExecutableType type = (ExecutableType) types.asMemberOf(channelInterface, method);
        StringBuilder out = new StringBuilder(method.getSimpleName()).append('(');
        List<? extends TypeMirror> parameters = type.getParameterTypes();
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(types.erasure(parameters.get(i)));
        }
        return out.append(')').toString();
    }
}
