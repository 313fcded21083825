package io.typedipc.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Writes {@code <Interface>Sender}: one {@code MethodDescriptor} constant per channel, and an implementation of the
 * interface whose every method is a single call on the peer. Immutable; {@code withDeadline} returns a new sender.
 */
final class SenderWriter {
    private final Elements elements;

    SenderWriter(Elements elements) {
        this.elements = elements;
    }

    TypeSpec write(ChannelInterface channels) {
        boolean oneWayOnly = channels.isOneWayOnly();
        ClassName peerType = oneWayOnly ? GeneratedCode.ONE_WAY_PEER : GeneratedCode.IPC_PEER;
        TypeSpec.Builder type = TypeSpec.classBuilder(channels.senderName())
                .addOriginatingElement(channels.element())
                .addAnnotation(GeneratedCode.generated())
                .addModifiers(Modifier.FINAL)
                .addSuperinterface(channels.interfaceName())
                .addJavadoc("Calls {@link $T} on another context: each method call becomes one message to the peer.\n",
                        channels.interfaceName())
                .addJavadoc(oneWayOnly
                        ? CodeBlock.of("Every method is one-way, so any {@link $T} fits, including a broadcast to all "
                                + "renderers.\n", GeneratedCode.ONE_WAY_PEER)
                        : CodeBlock.of("Blocking methods wait for the reply; asynchronous ones return at once. "
                                + "Thread-safe and immutable.\n"));
        if (channels.isPublic()) {
            type.addModifiers(Modifier.PUBLIC);
        }
        if (usesDeprecated(channels)) {
            type.addAnnotation(GeneratedCode.suppress("deprecation"));
        }
        for (ChannelMethod method : channels.methods()) {
            type.addField(descriptor(channels, method));
        }
        type.addField(peerType, "peer", Modifier.PRIVATE, Modifier.FINAL);
        if (oneWayOnly) {
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("A sender whose messages go to {@code peer}.\n")
                    .addParameter(peerType, "peer")
                    .addStatement("this.peer = $T.requireNonNull(peer, $S)", GeneratedCode.OBJECTS, "peer")
                    .build());
        } else {
            type.addField(GeneratedCode.CALL_OPTIONS, "options", Modifier.PRIVATE, Modifier.FINAL);
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("A sender whose calls go to {@code peer}, with each channel's own deadline or the "
                            + "context's default.\n")
                    .addParameter(peerType, "peer")
                    .addStatement("this(peer, $T.DEFAULT)", GeneratedCode.CALL_OPTIONS)
                    .build());
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(peerType, "peer")
                    .addParameter(GeneratedCode.CALL_OPTIONS, "options")
                    .addStatement("this.peer = $T.requireNonNull(peer, $S)", GeneratedCode.OBJECTS, "peer")
                    .addStatement("this.options = options")
                    .build());
            type.addMethod(MethodSpec.methodBuilder("withDeadline")
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("A sender like this one whose requests all get {@code deadline}, overriding the "
                            + "channels' and the context's.\n")
                    .returns(channels.senderName())
                    .addParameter(GeneratedCode.DURATION, "deadline")
                    .addStatement("return new $T(this.peer, this.options.withDeadline(deadline))",
                            channels.senderName())
                    .build());
        }
        for (ChannelMethod method : channels.methods()) {
            type.addMethod(implementation(channels, method));
        }
        return type.build();
    }

    private FieldSpec descriptor(ChannelInterface channels, ChannelMethod method) {
        TypeName result = switch (method.kind()) {
            case ONE_WAY -> ClassName.get(Void.class);
            case BLOCKING -> TypeName.get(method.resultType()).box();
            case ASYNC -> TypeName.get(method.resultType());
        };
        CodeBlock.Builder init = CodeBlock.builder()
                .add("$T.<$T>builder($S, $T.$L)", GeneratedCode.METHOD_DESCRIPTOR, result, method.channelId(),
                        GeneratedCode.KIND, method.kind().name())
                .indent().indent();
        for (ChannelParameter parameter : method.parameters()) {
            init.add("\n.parameter($S, $L)", parameter.name(), TypeRecipeWriter.recipe(parameter.type()));
        }
        if (method.kind() != MethodKind.ONE_WAY) {
            init.add("\n.result($L)", TypeRecipeWriter.recipe(method.resultType()));
        }
        for (DeclaredError error : method.declaredErrors()) {
            ClassName errorType = ClassName.get(error.type());
            if (error.rebuild() == DeclaredError.Rebuild.MESSAGE_CONSTRUCTOR) {
                init.add("\n.declares($T.class, $T::new)", errorType, errorType);
            } else {
                init.add("\n.declares($T.class, message -> new $T())", errorType, errorType);
            }
        }
        if (method.deadlineMillis() > 0) {
            init.add("\n.deadlineMillis($LL)", method.deadlineMillis());
        }
        for (DataTypeDef def : DataTypes.reachable(method.shapes(), channels.dataTypes()::get).values()) {
            if (def instanceof DataTypeDef.UnionDef union) {
                init.add("\n.union($T.builder($T.class, $S)", GeneratedCode.TAGGED_UNION,
                        ClassName.get(union.element()), union.discriminator());
                for (DataTypeDef.Variant variant : union.variants()) {
                    init.add("\n        .variant($S, $T.class)", variant.tag(), ClassName.get(variant.element()));
                }
                init.add(".build())");
            }
        }
        init.add("\n.build()").unindent().unindent();
        return FieldSpec.builder(ParameterizedTypeName.get(GeneratedCode.METHOD_DESCRIPTOR, result),
                        method.constantName(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Channel {@code $L}: $L.\n", method.channelId(), describe(method))
                .initializer(init.build())
                .build();
    }

    private static String describe(ChannelMethod method) {
        return switch (method.kind()) {
            case ONE_WAY -> "one-way message";
            case BLOCKING -> "blocking request";
            case ASYNC -> "asynchronous request";
        };
    }

    private MethodSpec implementation(ChannelInterface channels, ChannelMethod method) {
        MethodSpec.Builder builder = MethodSpec.methodBuilder(method.name())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.get(method.returnType()))
                .varargs(method.isVarArgs());
        if (elements.isDeprecated(method.element())) {
            builder.addAnnotation(Deprecated.class);
        }
        Set<String> names = new HashSet<>();
        for (ChannelParameter parameter : method.parameters()) {
            builder.addParameter(ParameterSpec.builder(TypeName.get(parameter.type()), parameter.name()).build());
            names.add(parameter.name());
        }
        for (TypeMirror thrown : method.thrownTypes()) {
            builder.addException(TypeName.get(thrown));
        }
        CodeBlock constant = names.contains(method.constantName())
                ? CodeBlock.of("$T.$L", channels.senderName(), method.constantName())
                : CodeBlock.of("$L", method.constantName());
        CodeBlock arguments = arguments(method);
        switch (method.kind()) {
            case ONE_WAY -> builder.addStatement("this.peer.send($L, $L)", constant, arguments);
            case ASYNC -> builder.addStatement("return this.peer.invoke($L, this.options, $L)", constant, arguments);
            case BLOCKING -> {
                CodeBlock call = CodeBlock.of("return this.peer.call($L, this.options, $L)", constant, arguments);
                if (method.declaredErrors().isEmpty()) {
                    builder.addStatement(call);
                } else {
                    String caught = unused("declared", names);
                    String cause = unused("cause", names);
                    builder.beginControlFlow("try")
                            .addStatement(call)
                            .nextControlFlow("catch ($T $L)", GeneratedCode.DECLARED_EXCEPTION, caught)
                            .addStatement("$T $L = $L.getCause()", Throwable.class, cause, caught);
                    for (DeclaredError error : method.declaredErrors()) {
                        ClassName errorType = ClassName.get(error.type());
                        builder.beginControlFlow("if ($L instanceof $T)", cause, errorType)
                                .addStatement("throw ($T) $L", errorType, cause)
                                .endControlFlow();
                    }
                    builder.addStatement("throw $L", caught).endControlFlow();
                }
            }
        }
        return builder.build();
    }

    /** Always an explicit array, so a single array argument is one argument, never spread as varargs. */
    private static CodeBlock arguments(ChannelMethod method) {
        CodeBlock.Builder code = CodeBlock.builder().add("new $T[] {", Object.class);
        for (int i = 0; i < method.parameters().size(); i++) {
            code.add(i == 0 ? "$L" : ", $L", method.parameters().get(i).name());
        }
        return code.add("}").build();
    }

    private static String unused(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = name + n;
        }
        return candidate;
    }

    private boolean usesDeprecated(ChannelInterface channels) {
        if (elements.isDeprecated(channels.element())) {
            return true;
        }
        return channels.methods().stream().anyMatch(method -> elements.isDeprecated(method.element()));
    }
}
