package io.typedipc.sample;

import io.typedipc.Channel;

/** What main serves for its panels besides the asset database. */
@Channel("app")
public interface App {

    /** A panel has registered its channels and can be called: id {@code app:panel-ready}. */
    void panelReady(PanelStatus status);
}
