package io.typedipc.sample;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.transport.StdioTransport;
import java.util.concurrent.TimeUnit;

/**
 * A panel's process: a renderer that main launches and talks to over this process's stdin and stdout. It serves its
 * channels until main closes the connection (or main's process ends), then exits.
 */
public final class PanelMain {
    private PanelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals(AssetsPanel.NAME) || args[0].equals(InspectorPanel.NAME))) {
            System.err.println("usage: PanelMain " + AssetsPanel.NAME + "|" + InspectorPanel.NAME);
            System.exit(2);
        }
        String name = args[0];
        // Register the panel's channels before the first message from main is read, so main may call at once.
        IpcRenderer renderer = StdioTransport.connectRenderer(name, IpcSettings.defaults(), PanelMain::servePanel);
        new PanelHostSender(renderer).ready(name);
        renderer.awaitDisconnect(Long.MAX_VALUE, TimeUnit.DAYS);
        renderer.close();
    }

    private static void servePanel(IpcRenderer renderer) {
        Transcript transcript = Transcript.sendingTo(new TranscriptLinesSender(renderer));
        // Both Java panels are panels of the main window: the builder's window message reaches them.
        BuildEventsDispatcher.register(renderer, scripts -> transcript.note(renderer.name(), "main window got builder:built " + scripts));
        if (renderer.name().equals(AssetsPanel.NAME)) {
            AssetsPanel assets = new AssetsPanel(new AssetDbSender(renderer), transcript);
            AssetsDemoDispatcher.register(renderer, assets);
            PanelDispatcher.register(renderer, assets);
        } else {
            InspectorPanel inspector = new InspectorPanel(new PanelSender(renderer.peer(AssetsPanel.NAME)), transcript);
            AssetEventsDispatcher.register(renderer, inspector);
            PanelDispatcher.register(renderer, inspector);
        }
    }
}
