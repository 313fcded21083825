package com.example.notes.data;

/** A JavaBean-style data type: Jackson reaches its private field through the package's {@code opens}. */
public final class Tag {
    private String label;

    /** For Jackson. */
    public Tag() {}

    /** A tag with this label. */
    public Tag(String label) {
        this.label = label;
    }

    /** The label. */
    public String getLabel() {
        return label;
    }
}
