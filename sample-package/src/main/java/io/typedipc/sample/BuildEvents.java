package io.typedipc.sample;

import io.typedipc.Channel;
import java.util.List;

/**
 * What the builder tells the panels of the main window when a build is done. All one-way, so its sender accepts a
 * window target ({@code main.mainWindow()}, Cocos Creator's {@code sendToMainWin}).
 */
@Channel("builder")
public interface BuildEvents {

    /** Id {@code builder:built}. */
    void built(List<String> scripts);
}
