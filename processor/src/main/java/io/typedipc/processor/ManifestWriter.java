package io.typedipc.processor;

import java.util.List;
import javax.lang.model.util.Elements;

/**
 * Writes the channel manifest of one interface, {@code META-INF/typed-ipc/<binary name>.json}: what later tools (a
 * Maven plugin, TypeScript generation, compatibility checks) need to know about each channel without loading
 * classes. The format is documented in docs/channels.md; {@code formatVersion} changes when it does incompatibly.
 */
final class ManifestWriter {
    static final int FORMAT_VERSION = 1;
    static final String DIRECTORY = "META-INF/typed-ipc/";

    private final Elements elements;

    ManifestWriter(Elements elements) {
        this.elements = elements;
    }

    String path(ChannelInterface channels) {
        return DIRECTORY + channels.binaryName(elements) + ".json";
    }

    String write(ChannelInterface channels) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\n");
        out.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        out.append("  \"interface\": ").append(string(channels.binaryName(elements))).append(",\n");
        out.append("  \"sender\": ").append(string(channels.senderName().canonicalName())).append(",\n");
        out.append("  \"dispatcher\": ").append(string(channels.dispatcherName().canonicalName())).append(",\n");
        out.append("  \"channels\": [");
        List<ChannelMethod> methods = channels.methods();
        for (int i = 0; i < methods.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            channel(out, methods.get(i));
        }
        out.append(methods.isEmpty() ? "]\n" : "\n  ]\n");
        return out.append("}\n").toString();
    }

    private void channel(StringBuilder out, ChannelMethod method) {
        out.append("    {\n");
        out.append("      \"id\": ").append(string(method.channelId())).append(",\n");
        out.append("      \"method\": ").append(string(method.name())).append(",\n");
        out.append("      \"kind\": ").append(string(method.kind().name())).append(",\n");
        out.append("      \"parameters\": [");
        for (int i = 0; i < method.parameters().size(); i++) {
            ChannelParameter parameter = method.parameters().get(i);
            out.append(i == 0 ? "" : ", ").append("{\"name\": ").append(string(parameter.name()))
                    .append(", \"type\": ").append(string(TypeNames.qualified(parameter.type()))).append('}');
        }
        out.append("],\n");
        out.append("      \"result\": ").append(method.resultType() == null ? "null"
                : string(TypeNames.qualified(ModelBuilder.withoutWildcard(method.resultType())))).append(",\n");
        out.append("      \"errors\": [");
        for (int i = 0; i < method.declaredErrors().size(); i++) {
            out.append(i == 0 ? "" : ", ")
                    .append(string(elements.getBinaryName(method.declaredErrors().get(i).type()).toString()));
        }
        out.append("],\n");
        out.append("      \"deadlineMillis\": ").append(method.deadlineMillis()).append('\n');
        out.append("    }");
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
