package io.typedipc.maven.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One channel interface's manifest.
 *
 * @param format     the manifest format it was written in: 1 (no data schemas) or 2
 * @param interfaceName binary name of the channel interface ({@code p.Outer$Inner} for a nested one)
 * @param sender     qualified name of the generated sender
 * @param dispatcher qualified name of the generated dispatcher
 * @param channels   the interface's channels, in the order of the sender's constants
 * @param types      format 2: every named data type reachable from a channel, by qualified name; empty in format 1
 * @param origin     where it was read from: which artifact or directory, and the entry's path, for messages
 */
public record Manifest(int format, String interfaceName, String sender, String dispatcher,
        List<ChannelEntry> channels, Map<String, TypeDef> types, Origin origin) {

    public Manifest {
        Objects.requireNonNull(interfaceName, "interfaceName");
        channels = List.copyOf(channels);
        types = Map.copyOf(types);
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether the manifest describes the JSON shape of its data (format 2 and later). */
    public boolean hasSchemas() {
        return format >= 2;
    }

    /**
     * Where a manifest came from.
     *
     * @param artifact the artifact that declares the channels: {@code groupId:artifactId:version}, or a path when
     *                 it is not an artifact
     * @param entry    the manifest's path inside the jar or directory ({@code META-INF/typed-ipc/a.Api.json})
     */
    public record Origin(String artifact, String entry) {
        public Origin {
            Objects.requireNonNull(artifact, "artifact");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public String toString() {
            return artifact + "!/" + entry;
        }
    }
}
