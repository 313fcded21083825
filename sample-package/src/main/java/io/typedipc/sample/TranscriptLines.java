package io.typedipc.sample;

import io.typedipc.Channel;

/** Panels send their transcript lines to main, which prints them: one transcript for the whole application. */
@Channel("transcript")
public interface TranscriptLines {

    /** Id {@code transcript:line}. */
    void line(String text);
}
