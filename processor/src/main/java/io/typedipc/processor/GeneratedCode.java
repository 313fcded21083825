package io.typedipc.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** Names of runtime and JDK types the generated code uses, and the {@code @Generated} marker, in one place. */
final class GeneratedCode {
    /** The runtime's API package: contexts, peers, bindings, exceptions. */
    static final String RUNTIME = "io.typedipc.runtime";
    /** The runtime's package for what generated code builds: method descriptors and type recipes. */
    static final String CODEGEN = "io.typedipc.runtime.codegen";
    static final ClassName METHOD_DESCRIPTOR = ClassName.get(CODEGEN, "MethodDescriptor");
    static final ClassName TAGGED_UNION = ClassName.get(CODEGEN, "TaggedUnion");
    static final ClassName KIND = METHOD_DESCRIPTOR.nestedClass("Kind");
    static final ClassName IPC_PEER = ClassName.get(RUNTIME, "IpcPeer");
    static final ClassName ONE_WAY_PEER = ClassName.get(RUNTIME, "OneWayPeer");
    static final ClassName CALL_OPTIONS = ClassName.get(RUNTIME, "CallOptions");
    static final ClassName DECLARED_EXCEPTION = ClassName.get(RUNTIME, "IpcDeclaredException");
    static final ClassName IPC_CONTEXT = ClassName.get(RUNTIME, "IpcContext");
    static final ClassName BINDING = ClassName.get(RUNTIME, "Binding");
    static final ClassName REGISTRATION = ClassName.get(RUNTIME, "Registration");
    static final ClassName DURATION = ClassName.get("java.time", "Duration");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private GeneratedCode() {}

    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", ChannelProcessor.class.getName()).build();
    }

    static AnnotationSpec suppress(String... warnings) {
        AnnotationSpec.Builder builder = AnnotationSpec.builder(SuppressWarnings.class);
        if (warnings.length == 1) {
            return builder.addMember("value", "$S", warnings[0]).build();
        }
        StringBuilder format = new StringBuilder("{");
        for (int i = 0; i < warnings.length; i++) {
            format.append(i == 0 ? "$S" : ", $S");
        }
        return builder.addMember("value", format.append("}").toString(), (Object[]) warnings).build();
    }
}
