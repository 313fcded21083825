package io.typedipc.maven.compat;

import io.typedipc.maven.compat.Finding.Severity;
import io.typedipc.maven.manifest.ChannelCatalog.Declared;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.Shape;
import io.typedipc.maven.manifest.Shapes;
import io.typedipc.maven.manifest.TypeDef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares the JSON shapes of one channel's parameter or result in two versions, following named types into their
 * definitions (records, beans, enums, unions). With a format-1 manifest on either side only the Java type names can
 * be compared. The runtime's mapper ignores unknown properties and reads a missing one as {@code null} (or 0 /
 * false for a primitive, silently), which decides the rules for properties.
 */
final class ShapeComparator {
    static final String VALUE_FAILS = "a value written by one version does not decode as the other's type: a request"
            + " fails with -32602 (invalid params), a reply fails to decode at the caller, a one-way message is dropped";

    private final Declared old;
    private final Declared now;
    private final List<Finding> findings;
    private final Set<String> notes;
    /** Pairs of named types already compared for this channel (types may be recursive or shared). */
    private final Set<String> visited = new HashSet<>();

    ShapeComparator(Declared old, Declared now, List<Finding> findings, Set<String> notes) {
        this.old = old;
        this.now = now;
        this.findings = findings;
        this.notes = notes;
    }

    void compare(String where, String oldType, Shape oldShape, String newType, Shape newShape) {
        if (oldShape == null || newShape == null) {
            if (oldType != null && newType != null && !oldType.equals(newType)) {
                breaking(where + " retyped from " + oldType + " to " + newType, VALUE_FAILS
                        + " (a format-1 manifest has no data shapes, so any change of type counts)");
            } else {
                Manifest formatOne = !old.manifest().hasSchemas() ? old.manifest() : now.manifest();
                notes.add(formatOne.origin() + " has manifest format " + formatOne.format()
                        + ": the fields of records and the constants of enums were not compared");
            }
            return;
        }
        shape(where, oldShape, newShape, oldType, newType);
    }

    private void shape(String where, Shape a, Shape b) {
        shape(where, a, b, null, null);
    }

    /**
     * Compares two shapes; {@code oldType} and {@code newType} are the Java types of a parameter or result (null
     * inside data types), which name a changed type more clearly than its shape.
     */
    private void shape(String where, Shape a, Shape b, String oldType, String newType) {
        a = unwrapOptional(a);
        b = unwrapOptional(b);
        boolean javaNamesDiffer = oldType != null && newType != null && !oldType.equals(newType);
        String retyped = where + " retyped from " + (javaNamesDiffer ? oldType : Shapes.describe(a)) + " to "
                + (javaNamesDiffer ? newType : Shapes.describe(b));
        if (a.getClass() != b.getClass()) {
            breaking(retyped, VALUE_FAILS);
            return;
        }
        if (a.nullable() != b.nullable()) {
            breaking(where + (b.nullable() ? " may now be null" : " may no longer be null") + " ("
                    + Shapes.describe(a) + " to " + Shapes.describe(b) + ")",
                    "the runtime refuses null for a primitive (FAIL_ON_NULL_FOR_PRIMITIVES): a null sent by the"
                            + " version that allows it fails to decode at the other");
            return;
        }
        if (a instanceof Shape.IntegerShape x && x.bits() != ((Shape.IntegerShape) b).bits()
                || a instanceof Shape.NumberShape y && y.bits() != ((Shape.NumberShape) b).bits()) {
            breaking(retyped, "a number that fits the wider type does not fit the narrower one: it fails to decode at the"
                            + " peer with the narrower type");
        } else if (a instanceof Shape.StringShape x && !same(x.format(), ((Shape.StringShape) b).format())) {
            breaking(retyped, VALUE_FAILS);
        } else if (a instanceof Shape.ArrayShape x) {
            Shape.ArrayShape y = (Shape.ArrayShape) b;
            if (x.unique() != y.unique()) {
                breaking(where + " changed from " + Shapes.describe(a) + " to " + Shapes.describe(b),
                        "a list may hold duplicates; decoded as a set they collapse silently");
            }
            shape(where + " element", x.items(), y.items());
        } else if (a instanceof Shape.MapShape x) {
            shape(where + " key", x.keys(), ((Shape.MapShape) b).keys());
            shape(where + " value", x.values(), ((Shape.MapShape) b).values());
        } else if (a instanceof Shape.RefShape x) {
            named(where, x.type(), ((Shape.RefShape) b).type());
        } else if (a instanceof Shape.UnknownShape x && !x.json().equals(((Shape.UnknownShape) b).json())) {
            breaking(where + " changed (" + x.kind() + ", a kind this plugin does not know)",
                    "this plugin cannot tell whether the peers still agree; update the plugin");
        }
    }

    /** An Optional travels as its value or null: the same JSON as a nullable value. */
    private static Shape unwrapOptional(Shape shape) {
        while (shape instanceof Shape.OptionalShape optional) {
            shape = withNullable(optional.value());
        }
        return shape;
    }

    private static Shape withNullable(Shape s) {
        if (s instanceof Shape.BooleanShape) {
            return new Shape.BooleanShape(true);
        } else if (s instanceof Shape.IntegerShape x) {
            return new Shape.IntegerShape(x.bits(), true);
        } else if (s instanceof Shape.NumberShape x) {
            return new Shape.NumberShape(x.bits(), true);
        } else if (s instanceof Shape.DecimalShape) {
            return new Shape.DecimalShape(true);
        } else if (s instanceof Shape.StringShape x) {
            return new Shape.StringShape(x.format(), true);
        } else if (s instanceof Shape.ArrayShape x) {
            return new Shape.ArrayShape(x.items(), x.unique(), true);
        } else if (s instanceof Shape.MapShape x) {
            return new Shape.MapShape(x.keys(), x.values(), true);
        } else if (s instanceof Shape.OptionalShape x) {
            return new Shape.OptionalShape(x.value(), true);
        } else if (s instanceof Shape.RefShape x) {
            return new Shape.RefShape(x.type(), true);
        }
        Shape.UnknownShape x = (Shape.UnknownShape) s;
        return new Shape.UnknownShape(x.kind(), x.json(), true);
    }

    private void named(String where, String oldName, String newName) {
        if (!visited.add(oldName + "\u0000" + newName)) {
            return;
        }
        TypeDef a = old.manifest().types().get(oldName);
        TypeDef b = now.manifest().types().get(newName);
        if (a == null || b == null) {
            if (!oldName.equals(newName)) {
                breaking(where + " retyped from " + oldName + " to " + newName, VALUE_FAILS
                        + " (the manifest does not define the type, so any change of type counts)");
            }
            return;
        }
        String type = newName.equals(oldName) ? newName : oldName + " (now " + newName + ")";
        if (a.getClass() != b.getClass()) {
            breaking(where + ": " + type + " changed from " + kind(a) + " to " + kind(b), VALUE_FAILS);
        } else if (a instanceof TypeDef.ObjectType x) {
            object(where, type, x, (TypeDef.ObjectType) b);
        } else if (a instanceof TypeDef.EnumType x) {
            constants(where, type, x.values(), ((TypeDef.EnumType) b).values(), "constant");
        } else if (a instanceof TypeDef.UnionType x) {
            union(where, type, x, (TypeDef.UnionType) b);
        } else if (a instanceof TypeDef.OpaqueType) {
            notes.add(type + " is not described by the manifest (" + ((TypeDef.OpaqueType) b).reason()
                    + "): its contents were not compared");
        } else if (a instanceof TypeDef.UnknownType x && !x.json().equals(((TypeDef.UnknownType) b).json())) {
            breaking(where + ": " + type + " changed (" + x.kind() + ", a kind this plugin does not know)",
                    "this plugin cannot tell whether the peers still agree; update the plugin");
        }
    }

    private void object(String where, String type, TypeDef.ObjectType a, TypeDef.ObjectType b) {
        for (TypeDef.Property p : a.properties()) {
            TypeDef.Property q = b.property(p.name());
            if (q == null) {
                property(where, type, p, "removed", "a new sender leaves it out and an old receiver reads",
                        "an old sender's value is ignored by the new receiver");
            } else {
                shape(where + ": " + type + "." + p.name(), p.schema(), q.schema());
            }
        }
        for (TypeDef.Property q : b.properties()) {
            if (a.property(q.name()) == null) {
                property(where, type, q, "added", "an old sender leaves it out and the new receiver reads",
                        "a new sender's value is ignored by an old receiver");
            }
        }
    }

    private void property(String where, String type, TypeDef.Property p, String change, String missing,
            String ignored) {
        String what = where + ": " + type + " property \"" + p.name() + "\" " + change;
        if (p.required()) {
            breaking(what, missing + " nothing where the property is required (@JsonProperty(required = true)):"
                    + " the value fails to decode");
        } else if (!p.schema().nullable()) {
            breaking(what, missing + " 0 or false (a primitive), silently; " + ignored + " (the mapper ignores"
                    + " unknown properties)");
        } else {
            findings.add(new Finding(old.id(), what, Severity.COMPATIBLE, missing + " null; " + ignored
                    + " (the mapper ignores unknown properties)"));
        }
    }

    private void constants(String where, String type, List<String> a, List<String> b, String noun) {
        for (String value : b) {
            if (!a.contains(value)) {
                breaking(where + ": " + type + " " + noun + " " + value + " added",
                        "an old peer cannot decode " + value + ": a request fails with -32602 (invalid params), a"
                                + " reply fails to decode at the caller, a one-way message is dropped");
            }
        }
        for (String value : a) {
            if (!b.contains(value)) {
                breaking(where + ": " + type + " " + noun + " " + value + " removed",
                        "the new version cannot decode " + value + " from an old peer: a request fails with -32602"
                                + " (invalid params), a reply fails to decode at the caller, a one-way message is"
                                + " dropped");
            }
        }
    }

    private void union(String where, String type, TypeDef.UnionType a, TypeDef.UnionType b) {
        if (!same(a.discriminator(), b.discriminator())) {
            breaking(where + ": " + type + " discriminator changed from \"" + a.discriminator() + "\" to \""
                    + b.discriminator() + "\"", VALUE_FAILS);
            return;
        }
        List<String> oldTags = a.variants().stream().map(TypeDef.Variant::tag).toList();
        List<String> newTags = b.variants().stream().map(TypeDef.Variant::tag).toList();
        constants(where, type, oldTags, newTags, "variant");
        for (TypeDef.Variant v : a.variants()) {
            for (TypeDef.Variant w : b.variants()) {
                if (v.tag().equals(w.tag())) {
                    named(where + " (" + v.tag() + ")", v.type(), w.type());
                }
            }
        }
    }

    private static String kind(TypeDef type) {
        if (type instanceof TypeDef.ObjectType) {
            return "an object";
        } else if (type instanceof TypeDef.EnumType) {
            return "an enum";
        } else if (type instanceof TypeDef.UnionType) {
            return "a union";
        } else if (type instanceof TypeDef.OpaqueType) {
            return "an undescribed type";
        }
        return ((TypeDef.UnknownType) type).kind();
    }

    private void breaking(String change, String why) {
        findings.add(new Finding(old.id(), change, Severity.BREAKING, why));
    }

    private static boolean same(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
