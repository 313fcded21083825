/**
 * What generated code builds: a sender's {@link io.typedipc.runtime.codegen.MethodDescriptor} constants, with the
 * {@link io.typedipc.runtime.codegen.TypeRecipe}s of their parameters and results and the
 * {@link io.typedipc.runtime.codegen.TaggedUnion}s of their sealed data types. Exported because generated classes
 * live in the application's packages, but written for the annotation processor, not for hand use (as Dagger's
 * {@code dagger.internal} or gRPC's {@code io.grpc.stub}); its shape follows what the processor emits.
 *
 * <p>A leaf: it uses only the JDK and Jackson, so the wire codec can read descriptors without seeing the API.
 * (Generated code also calls the API itself: {@code IpcPeer}, {@code IpcContext}, {@code Binding},
 * {@code CallOptions}.)
 */
package io.typedipc.runtime.codegen;
