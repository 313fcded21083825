package io.typedipc.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Writes {@code <Interface>Dispatcher}: one static {@code register} that binds every channel of the interface to an
 * implementation, all at once or not at all. Arguments arrive already decoded to their declared types (the runtime
 * uses the sender's descriptors), so each binding is a plain cast and a direct call: no reflection.
 */
final class DispatcherWriter {
    private final Elements elements;

    DispatcherWriter(Elements elements) {
        this.elements = elements;
    }

    TypeSpec write(ChannelInterface channels) {
        List<CodeBlock> bindings = new ArrayList<>();
        boolean unchecked = false;
        for (ChannelMethod method : channels.methods()) {
            bindings.add(binding(channels, method));
            for (ChannelParameter parameter : method.parameters()) {
                unchecked |= isGeneric(parameter.type());
            }
        }
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T.requireNonNull(context, $S)", GeneratedCode.OBJECTS, "context")
                .addStatement("$T.requireNonNull(service, $S)", GeneratedCode.OBJECTS,
                        "service: the " + channels.element().getSimpleName() + " implementation to serve");
        if (bindings.isEmpty()) {
            body.addStatement("return context.register($T.of())", GeneratedCode.LIST);
        } else {
            body.add("return context.register($T.of(\n", GeneratedCode.LIST).indent().indent();
            for (int i = 0; i < bindings.size(); i++) {
                body.add(bindings.get(i)).add(i + 1 < bindings.size() ? ",\n" : "));\n");
            }
            body.unindent().unindent();
        }
        MethodSpec.Builder register = MethodSpec.methodBuilder("register")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Serves {@code service} on every channel of {@link $T} in {@code context}: all of them, "
                        + "or none\nwhen one is taken already. Close the returned registration to stop serving.\n\n"
                        + "@throws IllegalStateException if a channel already has a handler in {@code context}\n",
                        channels.interfaceName())
                .returns(GeneratedCode.REGISTRATION)
                .addParameter(GeneratedCode.IPC_CONTEXT, "context")
                .addParameter(channels.interfaceName(), "service")
                .addCode(body.build());
        List<String> suppressed = new ArrayList<>();
        if (unchecked) {
            suppressed.add("unchecked");
        }
        if (elements.isDeprecated(channels.element())
                || channels.methods().stream().anyMatch(method -> elements.isDeprecated(method.element()))) {
            suppressed.add("deprecation");
        }
        if (!suppressed.isEmpty()) {
            register.addAnnotation(GeneratedCode.suppress(suppressed.toArray(String[]::new)));
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(channels.dispatcherName())
                .addOriginatingElement(channels.element())
                .addAnnotation(GeneratedCode.generated())
                .addModifiers(Modifier.FINAL)
                .addJavadoc("Serves an implementation of {@link $T}: decodes each incoming message, calls the "
                        + "implementation,\nand sends the reply.\n", channels.interfaceName())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(register.build());
        if (channels.isPublic()) {
            type.addModifiers(Modifier.PUBLIC);
        }
        return type.build();
    }

    private CodeBlock binding(ChannelInterface channels, ChannelMethod method) {
        CodeBlock.Builder call = CodeBlock.builder().add("service.$L(", method.name());
        for (int i = 0; i < method.parameters().size(); i++) {
            TypeName type = TypeName.get(method.parameters().get(i).type());
            call.add(i == 0 ? "($T) args[$L]" : ", ($T) args[$L]", type, i);
        }
        call.add(")");
        String factory = method.kind() == MethodKind.ONE_WAY ? "listener" : "handler";
        return CodeBlock.of("$T.$L($T.$L, (event, args) -> $L)", GeneratedCode.BINDING, factory,
                channels.senderName(), method.constantName(), call.build());
    }

    /** Whether a cast to the type is unchecked: it has type arguments somewhere. */
    private static boolean isGeneric(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return isGeneric(array.getComponentType());
        }
        return type instanceof DeclaredType declared && !declared.getTypeArguments().isEmpty();
    }
}
