package io.typedipc.maven.typescript;

import io.typedipc.maven.manifest.ChannelEntry;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.Shape;
import io.typedipc.maven.manifest.Shapes;
import io.typedipc.maven.manifest.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one generated file describes, checked: the channel interfaces of a set of manifests (each once, sorted), the
 * data types they reach merged across manifests, the declared exceptions, and the names chosen for all of them.
 * Everything the writer needs is validated here, so that writing cannot fail half-way.
 */
final class TypeScriptModel {
    /**
     * {@code CompletableFuture<Void>}'s result: the processor describes it as a type without properties; it is always
     * {@code null} on the wire, so it is no type of the file (results of it are {@code void}, other uses {@code null}).
     */
    static final String VOID = "java.lang.Void";

    private final Map<String, Manifest> interfaces = new TreeMap<>();
    private final Map<String, TypeDef> types = new TreeMap<>();
    private final Set<String> errors = new TreeSet<>();
    private final Set<String> artifacts = new TreeSet<>();
    private final TypeScriptNames names;

    TypeScriptModel(List<Manifest> manifests) throws TypeScriptException {
        if (manifests.isEmpty()) {
            throw new TypeScriptException("no channel manifests (META-INF/typed-ipc/*.json) found: compile the"
                    + " @Channel interfaces with typed-ipc-processor on the annotation processor path first");
        }
        Map<String, Manifest> typeOrigins = new HashMap<>();
        for (Manifest manifest : manifests) {
            if (!manifest.hasSchemas()) {
                throw new TypeScriptException(manifest.origin() + " is manifest format " + manifest.format()
                        + ", which does not describe the data types: rebuild it with a typed-ipc-processor that"
                        + " writes format 2");
            }
            Manifest earlier = interfaces.putIfAbsent(manifest.interfaceName(), manifest);
            if (earlier != null && !earlier.channels().equals(manifest.channels())) {
                throw new TypeScriptException(manifest.interfaceName() + " is declared differently by "
                        + earlier.origin() + " and by " + manifest.origin() + ": generate from one of them");
            }
            artifacts.add(manifest.origin().artifact());
            for (Map.Entry<String, TypeDef> type : manifest.types().entrySet()) {
                TypeDef before = types.putIfAbsent(type.getKey(), type.getValue());
                if (before != null && !Shapes.typeToJson(before).equals(Shapes.typeToJson(type.getValue()))) {
                    throw new TypeScriptException("the data type " + type.getKey() + " is described differently by "
                            + typeOrigins.get(type.getKey()).origin() + " and by " + manifest.origin()
                            + " (two versions of one class?): generate from one of them");
                }
                typeOrigins.putIfAbsent(type.getKey(), manifest);
            }
        }
        types.remove(VOID);
        for (Manifest manifest : interfaces.values()) {
            Set<String> methods = new HashSet<>();
            for (ChannelEntry channel : manifest.channels()) {
                String where = manifest.origin() + " channel " + channel.id();
                if (channel.method() == null || channel.method().isEmpty()) {
                    throw new TypeScriptException(where + " has no \"method\" name");
                }
                if (!methods.add(channel.method())) {
                    throw new TypeScriptException(where + ": " + manifest.interfaceName() + " has more than one"
                            + " method named " + channel.method() + ", and a TypeScript interface cannot implement"
                            + " overloads: give the Java methods different names");
                }
                for (ChannelEntry.Parameter parameter : channel.parameters()) {
                    check(parameter.schema(), where + " parameter " + parameter.name());
                }
                if (channel.kind().isRequest()) {
                    check(channel.resultSchema(), where + " result");
                }
                errors.addAll(channel.errors());
            }
        }
        for (Map.Entry<String, TypeDef> type : types.entrySet()) {
            check(type.getKey(), type.getValue(), typeOrigins.get(type.getKey()));
        }
        names = new TypeScriptNames(types.keySet(), errors, interfaces.keySet());
    }

    private void check(String key, TypeDef type, Manifest origin) throws TypeScriptException {
        String where = origin.origin() + " type " + key;
        if (type instanceof TypeDef.ObjectType object) {
            for (TypeDef.Property property : object.properties()) {
                check(property.schema(), where + " property " + property.name());
            }
        } else if (type instanceof TypeDef.UnionType union) {
            for (TypeDef.Variant variant : union.variants()) {
                TypeDef target = types.get(variant.type());
                if (target == null) {
                    throw new TypeScriptException(where + " has variant " + variant.tag() + " of type "
                            + variant.type() + ", which the manifest does not define");
                }
                if (!(target instanceof TypeDef.ObjectType) && !(target instanceof TypeDef.EnumType)) {
                    throw new TypeScriptException(where + " has variant " + variant.tag() + " of type "
                            + variant.type() + ", which is neither an object nor an enum: this generator does not"
                            + " know how such a variant is written; use a typed-ipc-maven-plugin as new as the"
                            + " processor");
                }
            }
        } else if (type instanceof TypeDef.UnknownType unknown) {
            throw unknownConstruct(where, "type kind \"" + unknown.kind() + "\"");
        }
    }

    /** Checks that a shape uses only known kinds and refers only to defined types. */
    private void check(Shape shape, String where) throws TypeScriptException {
        if (shape == null) {
            throw new TypeScriptException(where + " has no schema");
        }
        if (shape instanceof Shape.ArrayShape s) {
            check(s.items(), where + "[]");
        } else if (shape instanceof Shape.MapShape s) {
            check(s.keys(), where + " keys");
            check(s.values(), where + " values");
        } else if (shape instanceof Shape.OptionalShape s) {
            check(s.value(), where);
        } else if (shape instanceof Shape.RefShape s) {
            if (!types.containsKey(s.type()) && !s.type().equals(VOID)) {
                throw new TypeScriptException(where + " refers to the data type " + s.type()
                        + ", which the manifest does not define");
            }
        } else if (shape instanceof Shape.UnknownShape s) {
            throw unknownConstruct(where, "schema kind \"" + s.kind() + "\"");
        }
    }

    private static TypeScriptException unknownConstruct(String where, String what) {
        return new TypeScriptException(where + " uses the " + what + ", which this generator does not know: use a"
                + " typed-ipc-maven-plugin as new as the typed-ipc-processor that wrote the manifest");
    }

    /** The channel interfaces, by binary name. */
    Map<String, Manifest> interfaces() {
        return interfaces;
    }

    /** The data types, by manifest key. */
    Map<String, TypeDef> types() {
        return types;
    }

    /** Binary names of every declared exception of every channel. */
    Set<String> errors() {
        return errors;
    }

    /** The artifacts the manifests came from, sorted. */
    List<String> artifacts() {
        return new ArrayList<>(artifacts);
    }

    TypeScriptNames names() {
        return names;
    }
}
