package io.typedipc.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @Channel} interface: everything the writers need, and nothing they would have to look up again.
 *
 * @param element the interface (the originating element of every generated file)
 * @param interfaceName the interface's JavaPoet name
 * @param packageName the Java package of the interface and the generated classes ({@code ""} for the default one)
 * @param senderName the generated sender, {@code <Interface>Sender} ({@code Outer_InnerSender} when nested)
 * @param dispatcherName the generated dispatcher
 * @param isPublic whether the generated classes are public (they are when the interface can be seen everywhere)
 * @param methods the channel methods, own methods first in source order, then inherited ones
 * @param dataTypes every named data type reachable from the channels, by key, in the order first reached
 */
record ChannelInterface(
        TypeElement element,
        ClassName interfaceName,
        String packageName,
        ClassName senderName,
        ClassName dispatcherName,
        boolean isPublic,
        List<ChannelMethod> methods,
        java.util.Map<String, DataTypeDef> dataTypes) {

    /** Whether every method is one-way: then the sender takes a {@code OneWayPeer}, which broadcasts fit. */
    boolean isOneWayOnly() {
        return methods.stream().allMatch(method -> method.kind() == MethodKind.ONE_WAY);
    }

    /** The binary name, used for the manifest's file name ({@code p.Outer$Inner}). */
    String binaryName(javax.lang.model.util.Elements elements) {
        return elements.getBinaryName(element).toString();
    }
}
