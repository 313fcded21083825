package io.typedipc.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The "inspector" panel: receives main's {@code asset-db:asset-changed} broadcasts and, for each new asset, asks the
 * assets panel what is selected — a renderer-to-renderer request, routed through main.
 */
final class InspectorPanel implements Panel, AssetEvents {
    static final String NAME = "inspector";

    private final Panel assetsPanel;
    private final Transcript transcript;
    private String showing = "nothing yet";
    /** Selection look-ups in progress. Everything here runs on the panel's dispatch thread, so no locks. */
    private int lookups;
    private final List<CompletableFuture<PanelStatus>> waitingUntilIdle = new ArrayList<>();

    InspectorPanel(Panel assetsPanel, Transcript transcript) {
        this.assetsPanel = assetsPanel;
        this.transcript = transcript;
    }

    @Override
    public CompletableFuture<PanelStatus> status() {
        // While a look-up waits for its reply, this panel keeps serving messages (a blocking call on a dispatch
        // thread does), so status can be asked mid-look-up: answer once the panel has caught up.
        CompletableFuture<PanelStatus> status = new CompletableFuture<>();
        waitingUntilIdle.add(status);
        answerIfIdle();
        return status;
    }

    private void answerIfIdle() {
        if (lookups == 0) {
            PanelStatus now = new PanelStatus(NAME, ProcessHandle.current().pid(), showing);
            waitingUntilIdle.forEach(status -> status.complete(now));
            waitingUntilIdle.clear();
        }
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
            lookups++;
            try {
                transcript.replied(AssetsPanel.NAME, NAME, assetsPanel.selection().toString());
            } finally {
                lookups--;
                answerIfIdle();
            }
        }
    }
}
