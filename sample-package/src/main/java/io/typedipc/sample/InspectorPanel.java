package io.typedipc.sample;

import java.util.List;

/**
 * The "inspector" panel: receives main's {@code asset-db:asset-changed} broadcasts and, for each new asset, asks the
 * assets panel what is selected — a renderer-to-renderer request, routed through main.
 */
final class InspectorPanel implements Panel, AssetEvents {
    static final String NAME = "inspector";

    private final Panel assetsPanel;
    private final Transcript transcript;
    private String showing = "nothing yet";

    InspectorPanel(Panel assetsPanel, Transcript transcript) {
        this.assetsPanel = assetsPanel;
        this.transcript = transcript;
    }

    @Override
    public PanelStatus status() {
        return new PanelStatus(NAME, ProcessHandle.current().pid(), showing);
    }

    @Override
    public List<String> selection() {
        return List.of();
    }

    @Override
    public void assetChanged(AssetChange change) {
        transcript.note(NAME, "saw " + change.kind() + " " + change.url());
        showing = "last change: " + change.kind() + " " + change.url();
        if (change.kind() == AssetChange.Kind.CREATED) {
            transcript.sent(NAME, AssetsPanel.NAME, "panel:selection()  [renderer to renderer, through main]");
            List<String> selected = assetsPanel.selection();
            transcript.replied(AssetsPanel.NAME, NAME, selected.toString());
        }
    }
}
