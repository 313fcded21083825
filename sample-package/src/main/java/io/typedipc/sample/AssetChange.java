package io.typedipc.sample;

/** One change the asset database saw on disk. */
public record AssetChange(Kind kind, String url) {

    /** What happened to the file. */
    public enum Kind {
        CREATED, MODIFIED, DELETED
    }
}
