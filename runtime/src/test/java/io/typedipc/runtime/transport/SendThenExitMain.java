package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;

/**
 * A renderer process for {@link ChildExitDeliveryTest}: connects over stdio, sends {@code args[0]} one-way messages,
 * then ends as {@code args[1]} says: {@code close-return} (close, then return from main), {@code return} (just
 * return from main) or {@code exit} ({@code System.exit(0)} right after the last send).
 */
public final class SendThenExitMain {
    private SendThenExitMain() {}

    public static void main(String[] args) {
        IpcRenderer renderer = StdioTransport.connectRenderer("sender", IpcSettings.defaults());
        int count = Integer.parseInt(args[0]);
        for (int i = 0; i < count; i++) {
            renderer.send("state:final", i);
        }
        switch (args[1]) {
            case "close-return" -> renderer.close();
            case "return" -> { }
            case "exit" -> System.exit(0);
            default -> throw new IllegalArgumentException(args[1]);
        }
    }
}
