package io.typedipc.runtime.suite;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.Registration;
import java.util.List;

/** What the processor generates for {@link Scene}: registers every method on a context, all or none. */
public final class SceneDispatcher {
    private SceneDispatcher() {}

    public static Registration register(IpcContext context, Scene service) {
        return context.register(List.of(
                Binding.handler(SceneSender.DESCRIBE, (event, args) -> service.describe((String) args[0])),
                Binding.handler(SceneSender.QUERY_NODES, (event, args) -> service.queryNodes((String) args[0])),
                Binding.listener(SceneSender.SELECT, (event, args) -> service.select((String) args[0])),
                Binding.handler(SceneSender.RENAME, (event, args) -> service.rename((String) args[0], (String) args[1])),
                Binding.handler(SceneSender.CREATE_NODE, (event, args) -> service.createNode((String) args[0]))));
    }
}
