package io.typedipc.sample;

import io.typedipc.Channel;

/** What main serves for the panels it launches, apart from the asset database. */
@Channel("panel-host")
public interface PanelHost {

    /**
     * Id {@code panel-host:ready}: a panel's first message, sent once its channels are registered. Main waits for it
     * before its first request to the panel, so the request's deadline measures the panel's answer and not how long
     * its process took to start (a JVM on a busy machine can take longer than the deadline).
     */
    void ready(String panel);
}
