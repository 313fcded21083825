package io.typedipc.benchmarks.api;

import java.util.Objects;

/**
 * The data every implementation carries: a small record-like bean that Jackson (Typed IPC, the Jackson baseline) and
 * Gson (LSP4J) both map without configuration. The {@code body} string sets the size.
 */
public final class Payload {
    private long id;
    private String name;
    private String body;

    /** For the JSON mappers. */
    public Payload() {
    }

    public Payload(long id, String name, String body) {
        this.id = id;
        this.name = name;
        this.body = body;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && id == that.id && Objects.equals(name, that.name)
                && Objects.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, body);
    }
}
