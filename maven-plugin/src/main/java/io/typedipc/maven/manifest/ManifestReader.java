package io.typedipc.maven.manifest;

import io.typedipc.maven.manifest.ChannelEntry.Kind;
import io.typedipc.maven.manifest.ChannelEntry.Parameter;
import io.typedipc.maven.manifest.TypeDef.Property;
import io.typedipc.maven.manifest.TypeDef.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses one channel manifest, format 1 ({@code "formatVersion": 1}) or 2 ({@code "format": 2}). Fields a newer
 * processor adds are ignored; shape and type kinds it adds are kept as {@link Shape.UnknownShape} /
 * {@link TypeDef.UnknownType}. A format newer than {@link #NEWEST_FORMAT} is refused with a message that says to
 * upgrade the plugin, since its fields may no longer mean what this reader thinks. Thread-safe.
 */
public final class ManifestReader {

    /** The newest manifest format this reader understands. */
    public static final int NEWEST_FORMAT = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads the manifest in {@code in}; {@code origin} names it in the manifest and in error messages. */
    public Manifest read(InputStream in, Manifest.Origin origin) throws ManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(in.readAllBytes());
        } catch (IOException | JacksonException e) {
            throw new ManifestException(origin + " is not a readable JSON manifest: " + e.getMessage(), e);
        }
        return new Parse(origin).manifest(root);
    }

    /** One parse: knows where it is, for messages. */
    private static final class Parse {
        private final Manifest.Origin origin;

        Parse(Manifest.Origin origin) {
            this.origin = origin;
        }

        Manifest manifest(JsonNode root) throws ManifestException {
            if (root == null || !root.isObject()) {
                throw fail("is not a JSON object");
            }
            int format = format(root);
            List<ChannelEntry> channels = new ArrayList<>();
            for (JsonNode channel : array(root, "channels")) {
                channels.add(channel(channel, format));
            }
            Map<String, TypeDef> types = new LinkedHashMap<>();
            JsonNode typesNode = root.get("types");
            if (format >= 2 && typesNode != null && !typesNode.isNull()) {
                if (!typesNode.isObject()) {
                    throw fail("\"types\" must be an object");
                }
                for (Map.Entry<String, JsonNode> type : typesNode.properties()) {
                    types.put(type.getKey(), typeDef(type.getValue(), "types." + type.getKey()));
                }
            }
            return new Manifest(format, text(root, "interface"), optionalText(root, "sender"),
                    optionalText(root, "dispatcher"), channels, types, origin);
        }

        private int format(JsonNode root) throws ManifestException {
            JsonNode format = root.get("format");
            JsonNode version = root.get("formatVersion");
            JsonNode given = format != null ? format : version;
            if (given == null || !given.isIntegralNumber()) {
                throw fail("has no \"format\" (or format 1's \"formatVersion\") number");
            }
            int number = given.intValue();
            if (number < 1) {
                throw fail("has format " + number + ", which no Typed IPC processor writes");
            }
            if (number > NEWEST_FORMAT) {
                throw fail("has manifest format " + number + "; this plugin reads formats 1 to " + NEWEST_FORMAT
                        + ": use a typed-ipc-maven-plugin as new as the processor that wrote it");
            }
            return number;
        }

        private ChannelEntry channel(JsonNode node, int format) throws ManifestException {
            if (!node.isObject()) {
                throw fail("has a channel that is not an object");
            }
            String id = text(node, "id");
            String where = "channel " + id;
            Kind kind;
            String kindName = text(node, "kind");
            try {
                kind = Kind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw fail(where + " has kind \"" + kindName + "\"; expected ONE_WAY, BLOCKING or ASYNC");
            }
            List<Parameter> parameters = new ArrayList<>();
            for (JsonNode parameter : array(node, "parameters")) {
                String name = text(parameter, "name");
                Shape schema = format >= 2 ? optionalShape(parameter.get("schema"), where + " parameter " + name) : null;
                parameters.add(new Parameter(name, text(parameter, "type"), schema));
            }
            List<String> errors = new ArrayList<>();
            for (JsonNode error : array(node, "errors")) {
                if (!error.isString()) {
                    throw fail(where + " has an error that is not a string");
                }
                errors.add(error.stringValue());
            }
            JsonNode deadline = node.get("deadlineMillis");
            long deadlineMillis = deadline == null || deadline.isNull() ? 0 : deadline.asLong();
            Shape resultSchema = format >= 2 ? optionalShape(node.get("resultSchema"), where + " result") : null;
            return new ChannelEntry(id, optionalText(node, "method"), kind, parameters,
                    optionalText(node, "result"), resultSchema, errors, deadlineMillis);
        }

        private Shape optionalShape(JsonNode node, String where) throws ManifestException {
            return node == null || node.isNull() ? null : shape(node, where);
        }

        Shape shape(JsonNode node, String where) throws ManifestException {
            if (!node.isObject()) {
                throw fail(where + ": a schema must be an object");
            }
            String kind = text(node, "kind", where);
            boolean nullable = node.path("nullable").asBoolean(false);
            switch (kind) {
                case "boolean":
                    return new Shape.BooleanShape(nullable);
                case "integer":
                    return new Shape.IntegerShape(node.path("bits").asInt(0), nullable);
                case "number":
                    return new Shape.NumberShape(node.path("bits").asInt(64), nullable);
                case "decimal":
                    return new Shape.DecimalShape(nullable);
                case "string":
                    return new Shape.StringShape(optionalText(node, "format"), nullable);
                case "array":
                    return new Shape.ArrayShape(shape(required(node, "items", where), where + "[]"),
                            node.path("unique").asBoolean(false), nullable);
                case "map":
                    return new Shape.MapShape(shape(required(node, "keys", where), where + " keys"),
                            shape(required(node, "values", where), where + " values"), nullable);
                case "optional":
                    return new Shape.OptionalShape(shape(required(node, "value", where), where + " value"), nullable);
                case "ref":
                    return new Shape.RefShape(text(node, "type", where), nullable);
                default:
                    return new Shape.UnknownShape(kind, node.toString(), nullable);
            }
        }

        private TypeDef typeDef(JsonNode node, String where) throws ManifestException {
            if (!node.isObject()) {
                throw fail(where + " must be an object");
            }
            String kind = text(node, "kind", where);
            switch (kind) {
                case "object": {
                    List<Property> properties = new ArrayList<>();
                    for (JsonNode property : array(node, "properties")) {
                        String name = text(property, "name", where);
                        properties.add(new Property(name, shape(required(property, "schema", where + "." + name),
                                where + "." + name), property.path("required").asBoolean(false),
                                property.path("alwaysWritten").asBoolean(true), property.path("readOnly").asBoolean(false)));
                    }
                    return new TypeDef.ObjectType(optionalText(node, "style"), properties);
                }
                case "enum": {
                    List<String> values = new ArrayList<>();
                    for (JsonNode value : array(node, "values")) {
                        values.add(value.asString());
                    }
                    return new TypeDef.EnumType(values);
                }
                case "union": {
                    List<Variant> variants = new ArrayList<>();
                    for (JsonNode variant : array(node, "variants")) {
                        variants.add(new Variant(text(variant, "tag", where), text(variant, "type", where)));
                    }
                    return new TypeDef.UnionType(text(node, "discriminator", where), variants);
                }
                case "opaque":
                    return new TypeDef.OpaqueType(optionalText(node, "reason"));
                default:
                    return new TypeDef.UnknownType(kind, node.toString());
            }
        }

        private Iterable<JsonNode> array(JsonNode node, String name) throws ManifestException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw fail("\"" + name + "\" must be an array");
            }
            return value;
        }

        private JsonNode required(JsonNode node, String name, String where) throws ManifestException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw fail(where + " has no \"" + name + "\"");
            }
            return value;
        }

        private String text(JsonNode node, String name) throws ManifestException {
            return text(node, name, null);
        }

        private String text(JsonNode node, String name, String where) throws ManifestException {
            JsonNode value = node.get(name);
            if (value == null || !value.isString()) {
                throw fail((where == null ? "" : where + " ") + "has no string \"" + name + "\"");
            }
            return value.stringValue();
        }

        private static String optionalText(JsonNode node, String name) {
            JsonNode value = node.get(name);
            return value == null || !value.isString() ? null : value.stringValue();
        }

        private ManifestException fail(String problem) {
            return new ManifestException(origin + " " + problem);
        }
    }
}
