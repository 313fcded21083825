package io.typedipc.maven.manifest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shapes and type definitions back to text: {@link #describe} for people (reports, findings), {@link #toJson} /
 * {@link #typeToJson} in the manifest's own format-2 form, for machine-readable reports.
 */
public final class Shapes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Shapes() {}

    /**
     * A short readable form: {@code string}, {@code string(instant)}, {@code int32}, {@code array<string>},
     * {@code set<int64>}, {@code map<string, AssetInfo>}, {@code optional<float64>}, {@code assets.AssetInfo};
     * a trailing {@code ?} when {@code null} may travel (not shown inside optionals).
     */
    public static String describe(Shape shape) {
        String text;
        if (shape instanceof Shape.BooleanShape) {
            text = "boolean";
        } else if (shape instanceof Shape.IntegerShape s) {
            text = s.bits() == 0 ? "integer" : "int" + s.bits();
        } else if (shape instanceof Shape.NumberShape s) {
            text = "float" + s.bits();
        } else if (shape instanceof Shape.DecimalShape) {
            text = "decimal";
        } else if (shape instanceof Shape.StringShape s) {
            text = s.format() == null ? "string" : "string(" + s.format() + ")";
        } else if (shape instanceof Shape.ArrayShape s) {
            text = (s.unique() ? "set<" : "array<") + describe(s.items()) + ">";
        } else if (shape instanceof Shape.MapShape s) {
            text = "map<" + describe(s.keys()) + ", " + describe(s.values()) + ">";
        } else if (shape instanceof Shape.OptionalShape s) {
            return "optional<" + describe(s.value()) + ">";
        } else if (shape instanceof Shape.RefShape s) {
            text = s.type();
        } else {
            text = ((Shape.UnknownShape) shape).kind();
        }
        return shape.nullable() ? text + "?" : text;
    }

    /** The shape as the manifest writes it. */
    public static JsonNode toJson(Shape shape) {
        if (shape instanceof Shape.UnknownShape s) {
            return JSON.readTree(s.json());
        }
        ObjectNode node = NODES.objectNode();
        if (shape instanceof Shape.BooleanShape) {
            node.put("kind", "boolean");
        } else if (shape instanceof Shape.IntegerShape s) {
            node.put("kind", "integer").put("bits", s.bits());
        } else if (shape instanceof Shape.NumberShape s) {
            node.put("kind", "number").put("bits", s.bits());
        } else if (shape instanceof Shape.DecimalShape) {
            node.put("kind", "decimal");
        } else if (shape instanceof Shape.StringShape s) {
            node.put("kind", "string");
            if (s.format() != null) {
                node.put("format", s.format());
            }
        } else if (shape instanceof Shape.ArrayShape s) {
            node.put("kind", "array").set("items", toJson(s.items()));
            node.put("unique", s.unique());
        } else if (shape instanceof Shape.MapShape s) {
            node.put("kind", "map").set("keys", toJson(s.keys()));
            node.set("values", toJson(s.values()));
        } else if (shape instanceof Shape.OptionalShape s) {
            node.put("kind", "optional").set("value", toJson(s.value()));
        } else if (shape instanceof Shape.RefShape s) {
            node.put("kind", "ref").put("type", s.type());
        }
        node.put("nullable", shape.nullable());
        return node;
    }

    /** The type definition as the manifest writes it. */
    public static JsonNode typeToJson(TypeDef type) {
        if (type instanceof TypeDef.UnknownType t) {
            return JSON.readTree(t.json());
        }
        ObjectNode node = NODES.objectNode();
        if (type instanceof TypeDef.ObjectType t) {
            node.put("kind", "object").put("style", t.style());
            ArrayNode properties = node.putArray("properties");
            for (TypeDef.Property p : t.properties()) {
                ObjectNode property = properties.addObject().put("name", p.name());
                property.set("schema", toJson(p.schema()));
                property.put("required", p.required());
                property.put("alwaysWritten", p.alwaysWritten());
                property.put("readOnly", p.readOnly());
            }
        } else if (type instanceof TypeDef.EnumType t) {
            ArrayNode values = node.put("kind", "enum").putArray("values");
            t.values().forEach(values::add);
        } else if (type instanceof TypeDef.UnionType t) {
            node.put("kind", "union").put("discriminator", t.discriminator());
            ArrayNode variants = node.putArray("variants");
            for (TypeDef.Variant v : t.variants()) {
                variants.addObject().put("tag", v.tag()).put("type", v.type());
            }
        } else if (type instanceof TypeDef.OpaqueType t) {
            node.put("kind", "opaque").put("reason", t.reason());
        }
        return node;
    }
}
