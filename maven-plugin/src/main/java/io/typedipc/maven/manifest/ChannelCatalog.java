package io.typedipc.maven.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every channel of a set of manifests (one build's output, perhaps with its dependencies' jars), each with the
 * manifest it was declared in, and the ids declared more than once: the clash javac cannot see when the two
 * interfaces are compiled apart, and which the runtime only reports when both are registered in one context.
 */
public final class ChannelCatalog {
    private final List<Manifest> manifests;
    private final List<Declared> channels = new ArrayList<>();
    private final Map<String, List<Declared>> byId = new LinkedHashMap<>();

    /** A channel and the manifest that declares it. */
    public record Declared(Manifest manifest, ChannelEntry channel) {
        /** The channel id. */
        public String id() {
            return channel.id();
        }

        /** {@code <interface> in <artifact>}, for messages. */
        public String where() {
            return manifest.interfaceName() + " in " + manifest.origin().artifact();
        }
    }

    /** One id declared by more than one interface. */
    public record Duplicate(String id, List<Declared> declarations) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("channel \"" + id + "\" is declared by ");
            for (int i = 0; i < declarations.size(); i++) {
                text.append(i == 0 ? "" : i == declarations.size() - 1 ? " and by " : ", by ")
                        .append(declarations.get(i).where());
            }
            return text.toString();
        }
    }

    public ChannelCatalog(List<Manifest> manifests) {
        this.manifests = List.copyOf(manifests);
        for (Manifest manifest : this.manifests) {
            for (ChannelEntry channel : manifest.channels()) {
                Declared declared = new Declared(manifest, channel);
                channels.add(declared);
                byId.computeIfAbsent(channel.id(), id -> new ArrayList<>()).add(declared);
            }
        }
    }

    public List<Manifest> manifests() {
        return manifests;
    }

    /** Every channel, in manifest order (manifests as given, channels as in each manifest). */
    public List<Declared> channels() {
        return List.copyOf(channels);
    }

    /** The declaration of {@code id} (the first, if several), or {@code null}. */
    public Declared channel(String id) {
        List<Declared> declarations = byId.get(id);
        return declarations == null ? null : declarations.get(0);
    }

    /** The ids declared more than once, in the order they first appear. */
    public List<Duplicate> duplicates() {
        List<Duplicate> duplicates = new ArrayList<>();
        byId.forEach((id, declarations) -> {
            if (declarations.size() > 1) {
                duplicates.add(new Duplicate(id, List.copyOf(declarations)));
            }
        });
        return duplicates;
    }

    /**
     * The named type {@code name} as the manifest that declares {@code channel} defines it, or {@code null} (format
     * 1, or a type the manifest does not list).
     */
    public static TypeDef type(Declared channel, String name) {
        return channel.manifest().types().get(name);
    }
}
