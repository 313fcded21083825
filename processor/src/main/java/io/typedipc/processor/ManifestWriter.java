package io.typedipc.processor;

import java.util.List;
import javax.lang.model.util.Elements;

/**
 * Writes the channel manifest of one interface, {@code META-INF/typed-ipc/<binary name>.json}: what later tools (a
 * Maven plugin, TypeScript generation, compatibility checks) need to know about each channel without loading
 * classes: every channel with its parameters' and result's JSON shapes, and every named data type they reach. The
 * format is documented in docs/channels.md and docs/manifest.schema.json; {@code format} changes when it does
 * incompatibly (new fields may appear without a change).
 */
final class ManifestWriter {
    static final int FORMAT = 2;
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
        out.append("  \"format\": ").append(FORMAT).append(",\n");
        out.append("  \"interface\": ").append(string(channels.binaryName(elements))).append(",\n");
        out.append("  \"sender\": ").append(string(channels.senderName().canonicalName())).append(",\n");
        out.append("  \"dispatcher\": ").append(string(channels.dispatcherName().canonicalName())).append(",\n");
        out.append("  \"channels\": [");
        List<ChannelMethod> methods = channels.methods();
        for (int i = 0; i < methods.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            channel(out, methods.get(i));
        }
        out.append(methods.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"types\": {");
        boolean first = true;
        for (var entry : channels.dataTypes().entrySet()) {
            out.append(first ? "\n" : ",\n").append("    ").append(string(entry.getKey())).append(": ");
            typeDef(out, entry.getValue());
            first = false;
        }
        out.append(first ? "}\n" : "\n  }\n");
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
            out.append(i == 0 ? "\n        " : ",\n        ").append("{\"name\": ").append(string(parameter.name()))
                    .append(", \"type\": ").append(string(TypeNames.qualified(parameter.type())))
                    .append(", \"schema\": ");
            shape(out, parameter.shape());
            out.append('}');
        }
        out.append(method.parameters().isEmpty() ? "],\n" : "\n      ],\n");
        out.append("      \"result\": ").append(method.resultType() == null ? "null"
                : string(TypeNames.qualified(ModelBuilder.withoutWildcard(method.resultType())))).append(",\n");
        out.append("      \"resultSchema\": ");
        if (method.resultShape() == null) {
            out.append("null");
        } else {
            shape(out, method.resultShape());
        }
        out.append(",\n");
        out.append("      \"errors\": [");
        for (int i = 0; i < method.declaredErrors().size(); i++) {
            out.append(i == 0 ? "" : ", ")
                    .append(string(elements.getBinaryName(method.declaredErrors().get(i).type()).toString()));
        }
        out.append("],\n");
        out.append("      \"deadlineMillis\": ").append(method.deadlineMillis()).append('\n');
        out.append("    }");
    }

    /** One SHAPE, on one line: {@code {"kind": ..., ..., "nullable": ...}}. */
    static void shape(StringBuilder out, JsonShape shape) {
        out.append("{\"kind\": ");
        if (shape instanceof JsonShape.Scalar scalar) {
            out.append(string(scalar.kind()));
            if (scalar.bits() != JsonShape.Scalar.NO_BITS) {
                out.append(", \"bits\": ").append(scalar.bits());
            }
            if (scalar.format() != null) {
                out.append(", \"format\": ").append(string(scalar.format()));
            }
        } else if (shape instanceof JsonShape.ArrayOf array) {
            out.append("\"array\", \"items\": ");
            shape(out, array.items());
            out.append(", \"unique\": ").append(array.unique());
        } else if (shape instanceof JsonShape.MapOf map) {
            out.append("\"map\", \"keys\": ");
            shape(out, map.keys());
            out.append(", \"values\": ");
            shape(out, map.values());
        } else if (shape instanceof JsonShape.OptionalOf optional) {
            out.append("\"optional\", \"value\": ");
            shape(out, optional.value());
        } else if (shape instanceof JsonShape.Ref ref) {
            out.append("\"ref\", \"type\": ").append(string(ref.key()));
        } else {
            throw new IllegalStateException("an invalid shape reached the manifest: " + shape);
        }
        out.append(", \"nullable\": ").append(shape.nullable()).append('}');
    }

    /** One TYPEDEF, its properties or variants one per line. */
    private void typeDef(StringBuilder out, DataTypeDef def) {
        out.append("{\"kind\": ");
        if (def instanceof DataTypeDef.ObjectDef object) {
            out.append("\"object\", \"style\": ").append(string(object.style())).append(", \"java\": ")
                    .append(string(elements.getBinaryName(object.element()).toString()))
                    .append(", \"properties\": [");
            for (int i = 0; i < object.properties().size(); i++) {
                DataTypeDef.Property property = object.properties().get(i);
                out.append(i == 0 ? "\n" : ",\n").append("      {\"name\": ").append(string(property.name()))
                        .append(", \"schema\": ");
                shape(out, property.shape());
                out.append(", \"required\": ").append(property.required())
                        .append(", \"alwaysWritten\": ").append(property.alwaysWritten())
                        .append(", \"readOnly\": ").append(property.readOnly()).append('}');
            }
            out.append(object.properties().isEmpty() ? "]}" : "\n    ]}");
        } else if (def instanceof DataTypeDef.EnumDef enumDef) {
            out.append("\"enum\", \"java\": ").append(string(elements.getBinaryName(enumDef.element()).toString()))
                    .append(", \"values\": [");
            for (int i = 0; i < enumDef.values().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(string(enumDef.values().get(i)));
            }
            out.append("]}");
        } else if (def instanceof DataTypeDef.UnionDef union) {
            out.append("\"union\", \"java\": ").append(string(elements.getBinaryName(union.element()).toString()))
                    .append(", \"discriminator\": ").append(string(union.discriminator()))
                    .append(", \"variants\": [");
            for (int i = 0; i < union.variants().size(); i++) {
                DataTypeDef.Variant variant = union.variants().get(i);
                out.append(i == 0 ? "\n" : ",\n").append("      {\"tag\": ").append(string(variant.tag()))
                        .append(", \"type\": ").append(string(((JsonShape.Ref) variant.shape()).key()))
                        .append(", \"form\": ").append(string(variant.form())).append('}');
            }
            out.append(union.variants().isEmpty() ? "]}" : "\n    ]}");
        } else if (def instanceof DataTypeDef.OpaqueDef opaque) {
            out.append("\"opaque\", \"java\": ").append(string(elements.getBinaryName(opaque.element()).toString()))
                    .append(", \"reason\": ").append(string(opaque.reason())).append('}');
        }
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
