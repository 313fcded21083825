package io.typedipc.interop;

/** What the Node.js peer saw when it called {@link JavaService}'s channels. */
public record ScenarioReport(
        int added,
        String upper,
        Point moved,
        Point mirrored,
        Point mirroredByName,
        Point mirroredByPosition,
        String checked,
        int declaredCode,
        String declaredType,
        String declaredMessage,
        int cancelledCode,
        int unknownCode) {}
