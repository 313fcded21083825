package io.typedipc.sample;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What every panel (renderer) serves, for main and for the other panels. */
@Channel("panel")
public interface Panel {

    /**
     * Main asks a panel what it shows: a main-to-renderer request, with a short deadline. Asynchronous, so a panel
     * that is still busy with earlier messages can answer once it has caught up.
     */
    @Channel(value = "status", deadlineMillis = 5_000)
    CompletableFuture<PanelStatus> status();

    /** The urls selected in this panel. The inspector asks the assets panel, through main. */
    List<String> selection();
}
