package io.typedipc.sample;

/** What the asset database knows about one file: its stable uuid, its {@code db://} url and its size in bytes. */
public record AssetInfo(String uuid, String url, long size) {}
