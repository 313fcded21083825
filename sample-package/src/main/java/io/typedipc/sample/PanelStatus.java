package io.typedipc.sample;

/** What a panel reports when main asks: which panel, in which process (0 for a page in a browser), and what it shows. */
public record PanelStatus(String panel, long pid, String showing) {}
