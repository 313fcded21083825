package io.typedipc.sample;

import io.typedipc.Channel;

/**
 * Main asks the assets panel to play the part of a user clicking through it. A blocking request with a long
 * deadline: while it runs, the panel calls main's asset database, and main keeps serving it.
 */
@Channel("demo")
public interface AssetsDemo {

    /** Runs the scripted session; returns how many steps it took. */
    @Channel(value = "run", deadlineMillis = 60_000)
    int run();
}
