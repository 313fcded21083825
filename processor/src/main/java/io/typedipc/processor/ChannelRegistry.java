package io.typedipc.processor;

import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The channel ids already claimed in this compilation, across interfaces and rounds, so one id cannot be served by
 * two different methods. The same method reached through two interfaces (a super-interface and its sub-interface)
 * is the same channel, not a duplicate.
 */
final class ChannelRegistry {
    /** Who claimed an id: the method and the channel interface it was generated for. */
    record Owner(ExecutableElement method, TypeElement channelInterface) {
        String describe() {
            return channelInterface.getQualifiedName() + "." + method.getSimpleName() + "()";
        }
    }

    private final Map<String, Owner> owners = new HashMap<>();

    /** The other method that already owns {@code id}, or {@code null} when it is free or owned by this method. */
    Owner conflict(String id, ExecutableElement method) {
        Owner owner = owners.get(id);
        return owner == null || owner.method().equals(method) ? null : owner;
    }

    void claim(String id, ExecutableElement method, TypeElement channelInterface) {
        owners.putIfAbsent(id, new Owner(method, channelInterface));
    }
}
