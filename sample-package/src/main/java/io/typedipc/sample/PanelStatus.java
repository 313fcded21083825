package io.typedipc.sample;

/** What a panel reports when main asks: which panel, in which process, and what it shows. */
public record PanelStatus(String panel, long pid, String showing) {}
