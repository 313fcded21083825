package io.typedipc.maven.report;

import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.ChannelEntry;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.Shapes;
import io.typedipc.maven.manifest.TypeDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChannelCatalog} as {@value #JSON_FILE} (every channel with its kind, parameters, result, errors,
 * deadline, interface and artifact; the schemas and data types where the manifest has them) and {@value #MARKDOWN_FILE}
 * (one table row per channel). docs/maven-plugin.md describes both.
 */
public final class ChannelReport {
    public static final String JSON_FILE = "channels.json";
    public static final String MARKDOWN_FILE = "channels.md";
    /** The version of {@value #JSON_FILE}'s own layout. */
    public static final int REPORT_FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChannelCatalog catalog;

    public ChannelReport(ChannelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Writes both files into {@code directory}, creating it. */
    public void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(JSON_FILE), json(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
    }

    public String json() {
        ObjectNode root = NODES.objectNode();
        root.put("reportFormat", REPORT_FORMAT);
        ArrayNode channels = root.putArray("channels");
        for (ChannelCatalog.Declared declared : catalog.channels()) {
            channels.add(channel(declared));
        }
        ArrayNode interfaces = root.putArray("interfaces");
        for (Manifest manifest : catalog.manifests()) {
            ObjectNode node = interfaces.addObject()
                    .put("interface", manifest.interfaceName())
                    .put("artifact", manifest.origin().artifact())
                    .put("manifest", manifest.origin().entry())
                    .put("format", manifest.format())
                    .put("sender", manifest.sender())
                    .put("dispatcher", manifest.dispatcher());
            if (manifest.hasSchemas()) {
                ObjectNode types = node.putObject("types");
                for (Map.Entry<String, TypeDef> type : manifest.types().entrySet()) {
                    types.set(type.getKey(), Shapes.typeToJson(type.getValue()));
                }
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    private static ObjectNode channel(ChannelCatalog.Declared declared) {
        ChannelEntry channel = declared.channel();
        ObjectNode node = NODES.objectNode()
                .put("id", channel.id())
                .put("kind", channel.kind().name())
                .put("interface", declared.manifest().interfaceName())
                .put("method", channel.method())
                .put("artifact", declared.manifest().origin().artifact());
        ArrayNode parameters = node.putArray("parameters");
        for (ChannelEntry.Parameter parameter : channel.parameters()) {
            ObjectNode p = parameters.addObject().put("name", parameter.name()).put("type", parameter.type());
            if (parameter.schema() != null) {
                p.set("schema", Shapes.toJson(parameter.schema()));
            }
        }
        node.put("result", channel.result());
        if (channel.resultSchema() != null) {
            node.set("resultSchema", Shapes.toJson(channel.resultSchema()));
        }
        ArrayNode errors = node.putArray("errors");
        channel.errors().forEach(errors::add);
        node.put("deadlineMillis", channel.deadlineMillis());
        return node;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Channels\n\n");
        int count = catalog.channels().size();
        out.append(count).append(count == 1 ? " channel" : " channels").append(" in ")
                .append(catalog.manifests().size()).append(catalog.manifests().size() == 1 ? " interface" : " interfaces")
                .append(".\n\n");
        if (count == 0) {
            return out.toString();
        }
        out.append("| channel | kind | parameters | result | errors | deadline | interface | artifact |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ChannelCatalog.Declared declared : catalog.channels()) {
            ChannelEntry channel = declared.channel();
            StringBuilder parameters = new StringBuilder();
            for (ChannelEntry.Parameter parameter : channel.parameters()) {
                parameters.append(parameters.length() == 0 ? "" : ", ").append(parameter.name()).append(": ")
                        .append(code(parameter.type()));
            }
            out.append("| ").append(code(channel.id()))
                    .append(" | ").append(kindText(channel.kind()))
                    .append(" | ").append(parameters.length() == 0 ? "—" : parameters)
                    .append(" | ").append(channel.result() == null ? "—" : code(channel.result()))
                    .append(" | ").append(channel.errors().isEmpty() ? "—" : String.join(", ", channel.errors().stream().map(ChannelReport::code).toList()))
                    .append(" | ").append(channel.deadlineMillis() == 0 ? "default" : channel.deadlineMillis() + " ms")
                    .append(" | ").append(code(declared.manifest().interfaceName()))
                    .append(" | ").append(code(declared.manifest().origin().artifact()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String kindText(ChannelEntry.Kind kind) {
        switch (kind) {
            case ONE_WAY:
                return "one-way";
            case BLOCKING:
                return "blocking request";
            default:
                return "async request";
        }
    }

    /** A Markdown code span; pipes would end the table cell. */
    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }
}
