package io.typedipc.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The one model of "a data type as Jackson 3 binds it": walks a parameter or result type, and every named type it
 * reaches, into {@link JsonShape}s and {@link DataTypeDef}s. Deep validation ({@link DataTypeReport}) reads the
 * {@link JsonShape.Invalid} positions of this model; the manifest ({@link ManifestWriter}) writes the rest. Each
 * named type (a class with its type arguments) is described once and kept, so a type reached from a thousand
 * channels costs one walk, and a recursive type ({@code record Node(List<Node> children)}) terminates.
 *
 * <p>The rules follow what Jackson 3 with the runtime's default mapper really does (docs/channels.md "Data types"
 * lists them with the tests that prove each).
 */
final class DataTypes {
    /** The discriminator property of a sealed hierarchy sent as a tagged union. */
    static final String DISCRIMINATOR = "@type";

    private static final Map<String, JsonShape.Scalar> SCALARS = new HashMap<>();

    static {
        scalar("java.lang.String", "string", null);
        scalar("java.lang.CharSequence", "string", null);
        scalar("java.lang.Boolean", "boolean", null);
        SCALARS.put("java.lang.Byte", new JsonShape.Scalar("integer", 8, null, true));
        SCALARS.put("java.lang.Short", new JsonShape.Scalar("integer", 16, null, true));
        SCALARS.put("java.lang.Integer", new JsonShape.Scalar("integer", 32, null, true));
        SCALARS.put("java.lang.Long", new JsonShape.Scalar("integer", 64, null, true));
        SCALARS.put("java.math.BigInteger", new JsonShape.Scalar("integer", 0, null, true));
        SCALARS.put("java.lang.Float", new JsonShape.Scalar("number", 32, null, true));
        SCALARS.put("java.lang.Double", new JsonShape.Scalar("number", 64, null, true));
        SCALARS.put("java.time.Year", new JsonShape.Scalar("integer", 32, null, true));
        scalar("java.math.BigDecimal", "decimal", null);
        scalar("java.lang.Character", "string", "char");
        scalar("java.util.UUID", "string", "uuid");
        scalar("java.net.URI", "string", "uri");
        scalar("java.net.URL", "string", "url");
        scalar("java.util.Locale", "string", "locale");
        scalar("java.util.Currency", "string", "currency");
        scalar("java.util.Date", "string", "date-time");
        scalar("java.io.File", "string", "file");
        scalar("java.nio.file.Path", "string", "uri");
        scalar("java.time.Instant", "string", "instant");
        scalar("java.time.LocalDate", "string", "local-date");
        scalar("java.time.LocalTime", "string", "local-time");
        scalar("java.time.LocalDateTime", "string", "local-date-time");
        scalar("java.time.OffsetDateTime", "string", "offset-date-time");
        scalar("java.time.OffsetTime", "string", "offset-time");
        scalar("java.time.ZonedDateTime", "string", "zoned-date-time");
        scalar("java.time.Duration", "string", "duration");
        scalar("java.time.Period", "string", "period");
        scalar("java.time.ZoneId", "string", "zone-id");
        scalar("java.time.ZoneOffset", "string", "zone-offset");
        scalar("java.time.YearMonth", "string", "year-month");
        scalar("java.time.MonthDay", "string", "month-day");
    }

    private static void scalar(String name, String kind, String format) {
        SCALARS.put(name, new JsonShape.Scalar(kind, JsonShape.Scalar.NO_BITS, format, true));
    }

    /** java.util collections Jackson builds itself, and whether they are sets. */
    private static final Map<String, Boolean> COLLECTIONS = new HashMap<>();

    static {
        for (String name : List.of("java.lang.Iterable", "java.util.Collection", "java.util.List", "java.util.Queue",
                "java.util.Deque", "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque")) {
            COLLECTIONS.put(name, false);
        }
        for (String name : List.of("java.util.Set", "java.util.SortedSet", "java.util.NavigableSet",
                "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumSet")) {
            COLLECTIONS.put(name, true);
        }
    }

    private static final Set<String> MAPS = Set.of(
            "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.EnumMap");

    private final Types types;
    private final Elements elements;
    private final DataTypeRules rules;
    private final JacksonProperties properties;
    /** Described named types by key, in the order first reached. */
    private final Map<String, DataTypeDef> definitions = new LinkedHashMap<>();
    /** Named types that cannot be data, by key, with the reason. */
    private final Map<String, DataTypeRules.Problem> rejected = new HashMap<>();
    /** Keys being described right now (a recursive type refers to itself while its properties are walked). */
    private final Set<String> inProgress = new HashSet<>();

    DataTypes(Types types, Elements elements, DataTypeRules rules) {
        this.types = types;
        this.elements = elements;
        this.rules = rules;
        this.properties = new JacksonProperties(types);
    }

    /** The key of a named type in the manifest's {@code types}: its qualified name with type arguments. */
    static String keyOf(TypeMirror type) {
        return TypeNames.qualified(type);
    }

    DataTypeDef definition(String key) {
        return definitions.get(key);
    }

    /** The JSON shape of {@code type}, describing every named type it reaches on the way. */
    JsonShape shapeOf(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN:
                return new JsonShape.Scalar("boolean", JsonShape.Scalar.NO_BITS, null, false);
            case BYTE:
                return new JsonShape.Scalar("integer", 8, null, false);
            case SHORT:
                return new JsonShape.Scalar("integer", 16, null, false);
            case INT:
                return new JsonShape.Scalar("integer", 32, null, false);
            case LONG:
                return new JsonShape.Scalar("integer", 64, null, false);
            case CHAR:
                return new JsonShape.Scalar("string", JsonShape.Scalar.NO_BITS, "char", false);
            case FLOAT:
                return new JsonShape.Scalar("number", 32, null, false);
            case DOUBLE:
                return new JsonShape.Scalar("number", 64, null, false);
            case ARRAY:
                return arrayShape((ArrayType) type);
            case WILDCARD: {
                WildcardType wildcard = (WildcardType) type;
                TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
                        : wildcard.getSuperBound();
                return bound == null ? new JsonShape.Invalid(DataTypeRules.bareWildcard()) : shapeOf(bound);
            }
            case DECLARED:
                return declaredShape((DeclaredType) type);
            default:
                return new JsonShape.Invalid(DataTypeRules.noJsonForm(type));
        }
    }

    private JsonShape arrayShape(ArrayType array) {
        TypeKind component = array.getComponentType().getKind();
        if (component == TypeKind.BYTE) {
            return new JsonShape.Scalar("string", JsonShape.Scalar.NO_BITS, "base64", true);
        }
        if (component == TypeKind.CHAR) {
            return new JsonShape.Scalar("string", JsonShape.Scalar.NO_BITS, null, true);
        }
        return new JsonShape.ArrayOf(shapeOf(array.getComponentType()), false, true);
    }

    private JsonShape declaredShape(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        JsonShape.Scalar scalar = SCALARS.get(name);
        if (scalar != null) {
            return scalar; // the common case first: no subtype checks for String, Integer, ...
        }
        DataTypeRules.Problem forbidden = rules.forbidden(type);
        if (forbidden != null) {
            return new JsonShape.Invalid(forbidden);
        }
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        switch (name) {
            case "java.util.Optional":
                return new JsonShape.OptionalOf(nonNull(shapeOf(arguments.get(0))), true);
            case "java.util.OptionalInt":
                return new JsonShape.OptionalOf(new JsonShape.Scalar("integer", 32, null, false), true);
            case "java.util.OptionalLong":
                return new JsonShape.OptionalOf(new JsonShape.Scalar("integer", 64, null, false), true);
            case "java.util.OptionalDouble":
                return new JsonShape.OptionalOf(new JsonShape.Scalar("number", 64, null, false), true);
            default:
                break;
        }
        Boolean unique = COLLECTIONS.get(name);
        if (unique != null) {
            return new JsonShape.ArrayOf(shapeOf(arguments.get(0)), unique, true);
        }
        if (MAPS.contains(name)) {
            return mapShape(type, arguments.get(0), arguments.get(1));
        }
        DeclaredType collection = supertype(type, "java.util.Collection");
        DeclaredType map = supertype(type, "java.util.Map");
        if (collection != null || map != null) {
            return ownContainerShape(type, element, collection, map);
        }
        return named(type, element);
    }

    /** A user's own collection or map class (or one from a library): Jackson builds it when it is concrete. */
    private JsonShape ownContainerShape(DeclaredType type, TypeElement element, DeclaredType collection,
            DeclaredType map) {
        if (element.getModifiers().contains(Modifier.ABSTRACT) || element.getKind().isInterface()
                || !properties.hasNoArgConstructor(element)) {
            return new JsonShape.Invalid(new DataTypeRules.Problem(ErrorTag.NOT_DATA, "is a "
                    + (map != null ? "map" : "collection") + " type Jackson cannot create (it is abstract or has no"
                    + " no-argument constructor, and Jackson builds only java.util's own without a module); declare"
                    + (map != null ? " Map<K, V>" : " List<T> or Set<T>") + " instead"));
        }
        if (map != null) {
            List<? extends TypeMirror> arguments = map.getTypeArguments();
            return arguments.size() == 2 ? mapShape(type, arguments.get(0), arguments.get(1))
                    : new JsonShape.Invalid(DataTypeRules.noJsonForm(type));
        }
        List<? extends TypeMirror> arguments = collection.getTypeArguments();
        return arguments.size() == 1
                ? new JsonShape.ArrayOf(shapeOf(arguments.get(0)), supertype(type, "java.util.Set") != null, true)
                : new JsonShape.Invalid(DataTypeRules.noJsonForm(type));
    }

    private JsonShape mapShape(DeclaredType type, TypeMirror keyType, TypeMirror valueType) {
        JsonShape keys = shapeOf(keyType);
        JsonShape values = shapeOf(valueType);
        if (!(keys instanceof JsonShape.Invalid) && !isKeyShape(keys)) {
            keys = new JsonShape.Invalid(new DataTypeRules.Problem(ErrorTag.NOT_DATA, "has the key type "
                    + TypeNames.simple(ModelBuilder.withoutWildcard(keyType)) + ", which Jackson cannot read back"
                    + " from a JSON object's key (a string); use String, a number, an enum, a UUID or a java.time"
                    + " type as the key, or send a List of records instead of the map"));
        }
        return new JsonShape.MapOf(nonNull(keys), values, true);
    }

    /** Whether Jackson can read a map key of this shape back from a string: scalars and enums. */
    private boolean isKeyShape(JsonShape keys) {
        if (keys instanceof JsonShape.Scalar) {
            return true;
        }
        return keys instanceof JsonShape.Ref ref && definitions.get(ref.key()) instanceof DataTypeDef.EnumDef;
    }

    // ------------------------------------------------------------------------------------------------ named types

    private JsonShape named(DeclaredType type, TypeElement element) {
        String key = keyOf(type);
        DataTypeRules.Problem problem = rejected.get(key);
        if (problem != null) {
            return new JsonShape.Invalid(problem);
        }
        if (definitions.containsKey(key) || inProgress.contains(key)) {
            return new JsonShape.Ref(key, true);
        }
        inProgress.add(key);
        try {
            Object described = describe(type, element);
            if (described instanceof DataTypeRules.Problem rejection) {
                rejected.put(key, rejection);
                return new JsonShape.Invalid(rejection);
            }
            definitions.put(key, (DataTypeDef) described);
            return new JsonShape.Ref(key, true);
        } finally {
            inProgress.remove(key);
        }
    }

    /** A {@link DataTypeDef}, or the {@link DataTypeRules.Problem} that says why the type cannot be data. */
    private Object describe(DeclaredType type, TypeElement element) {
        if (element.getKind() == ElementKind.ENUM) {
            String custom = customForm(element);
            return custom != null ? opaque(element, custom) : enumDef(element);
        }
        String custom = customForm(element);
        if (custom != null) {
            return opaque(element, custom);
        }
        boolean isAbstract = element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT);
        if (isAbstract) {
            if (element.getModifiers().contains(Modifier.SEALED)) {
                return union(element);
            }
            return new DataTypeRules.Problem(ErrorTag.NOT_DATA, "is " + (element.getKind().isInterface()
                    ? "an interface" : "an abstract class") + ", so Jackson cannot create one to read it back;"
                    + " send a record or a concrete class, or make " + element.getSimpleName() + " a sealed"
                    + " interface whose permitted subtypes are records (it is then sent as a tagged union)");
        }
        if (element.getNestingKind() == NestingKind.MEMBER && !element.getModifiers().contains(Modifier.STATIC)
                && element.getKind() == ElementKind.CLASS) {
            return new DataTypeRules.Problem(ErrorTag.NOT_DATA, "is an inner class, which Jackson cannot create"
                    + " without an instance of its enclosing class; make " + element.getSimpleName() + " static, or a"
                    + " record");
        }
        JacksonProperties.Binding binding = properties.bind(type, element);
        if (binding.problem() != null) {
            return new DataTypeRules.Problem(ErrorTag.NOT_DATA, binding.problem());
        }
        List<DataTypeDef.Property> described = new ArrayList<>();
        for (JacksonProperties.Found found : binding.properties()) {
            described.add(new DataTypeDef.Property(found.name(), found.member(), TypeNames.simple(found.type()),
                    shapeOf(found.type()), found.required(), found.alwaysWritten(), found.readOnly()));
        }
        return new DataTypeDef.ObjectDef(element, element.getKind() == ElementKind.RECORD ? "record" : "bean",
                List.copyOf(described));
    }

    private String customForm(TypeElement element) {
        String custom = JacksonAnnotations.customForm(element);
        if (custom != null) {
            return custom;
        }
        for (var member : element.getEnclosedElements()) {
            custom = JacksonAnnotations.customForm(member);
            if (custom != null) {
                return custom;
            }
        }
        return null;
    }

    private static DataTypeDef opaque(TypeElement element, String annotation) {
        return new DataTypeDef.OpaqueDef(element, element.getSimpleName() + " carries " + annotation
                + ", so Jackson's annotations decide its JSON form");
    }

    private static DataTypeDef enumDef(TypeElement element) {
        List<String> values = new ArrayList<>();
        for (VariableElement constant : ElementFilter.fieldsIn(element.getEnclosedElements())) {
            if (constant.getKind() == ElementKind.ENUM_CONSTANT) {
                String renamed = JacksonAnnotations.propertyName(constant);
                values.add(renamed != null ? renamed : constant.getSimpleName().toString());
            }
        }
        return new DataTypeDef.EnumDef(element, List.copyOf(values));
    }

    /** A sealed interface or abstract class: a tagged union of its concrete leaves. */
    private Object union(TypeElement element) {
        if (!element.getTypeParameters().isEmpty()) {
            return new DataTypeRules.Problem(ErrorTag.NOT_DATA, "is a generic sealed type; its variants' type"
                    + " arguments cannot be told from the tag, so only sealed types without type parameters are sent as"
                    + " tagged unions; declare " + element.getSimpleName() + " without type parameters");
        }
        List<TypeElement> leaves = new ArrayList<>();
        String problem = collectLeaves(element, leaves);
        if (problem != null) {
            return new DataTypeRules.Problem(ErrorTag.NOT_DATA, problem);
        }
        Map<String, TypeElement> byTag = new LinkedHashMap<>();
        List<DataTypeDef.Variant> variants = new ArrayList<>();
        for (TypeElement leaf : leaves) {
            Object tagValue = JacksonAnnotations.value(
                    JacksonAnnotations.find(leaf, JacksonAnnotations.PACKAGE + "JsonTypeName"), "value");
            String tag = tagValue instanceof String text && !text.isEmpty() ? text : leaf.getSimpleName().toString();
            TypeElement clash = byTag.putIfAbsent(tag, leaf);
            if (clash != null) {
                return new DataTypeRules.Problem(ErrorTag.NOT_DATA, "is a sealed hierarchy whose variants "
                        + qualified(clash) + " and " + qualified(leaf) + " share the tag \"" + tag + "\"; give one of"
                        + " them its own @JsonTypeName(\"...\")");
            }
            if (!leaf.getTypeParameters().isEmpty()) {
                return new DataTypeRules.Problem(ErrorTag.NOT_DATA, "is a sealed hierarchy with the generic variant "
                        + leaf.getSimpleName() + ", whose type arguments cannot be told from the tag; declare it"
                        + " without type parameters");
            }
            JsonShape shape = shapeOf(leaf.asType());
            variants.add(new DataTypeDef.Variant(tag, leaf, shape,
                    leaf.getKind() == ElementKind.ENUM ? "wrapper-array" : "property"));
        }
        return new DataTypeDef.UnionDef(element, DISCRIMINATOR, List.copyOf(variants));
    }

    /** Collects the concrete leaves of a sealed type (nested sealed types flattened); a reason when it cannot. */
    private String collectLeaves(TypeElement sealed, List<TypeElement> leaves) {
        for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
            TypeElement sub = (TypeElement) types.asElement(permitted);
            if (sub.getModifiers().contains(Modifier.NON_SEALED)) {
                return "is a sealed hierarchy that permits the non-sealed " + sub.getSimpleName() + ", whose"
                        + " subtypes cannot be listed at compile time; make " + sub.getSimpleName() + " sealed, final"
                        + " or a record";
            }
            boolean isAbstract = sub.getKind().isInterface() || sub.getModifiers().contains(Modifier.ABSTRACT);
            if (isAbstract) {
                String problem = collectLeaves(sub, leaves);
                if (problem != null) {
                    return problem;
                }
            } else if (!leaves.contains(sub)) {
                leaves.add(sub);
            }
        }
        return null;
    }

    private static String qualified(TypeElement element) {
        return element.getQualifiedName().toString();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The same shape, known not to be {@code null} (the content of an Optional, a map's keys). */
    private static JsonShape nonNull(JsonShape shape) {
        if (shape instanceof JsonShape.Scalar scalar) {
            return new JsonShape.Scalar(scalar.kind(), scalar.bits(), scalar.format(), false);
        }
        if (shape instanceof JsonShape.Ref ref) {
            return new JsonShape.Ref(ref.key(), false);
        }
        if (shape instanceof JsonShape.ArrayOf array) {
            return new JsonShape.ArrayOf(array.items(), array.unique(), false);
        }
        if (shape instanceof JsonShape.MapOf map) {
            return new JsonShape.MapOf(map.keys(), map.values(), false);
        }
        return shape;
    }

    /** {@code type} seen as the named supertype (with its type arguments), or {@code null} if it is not one. */
    private DeclaredType supertype(DeclaredType type, String name) {
        TypeElement target = elements.getTypeElement(name);
        if (target == null || !types.isSubtype(types.erasure(type), types.erasure(target.asType()))) {
            return null;
        }
        return findSupertype(type, target);
    }

    private DeclaredType findSupertype(TypeMirror type, TypeElement target) {
        if (type instanceof DeclaredType declared && declared.asElement().equals(target)) {
            return declared;
        }
        for (TypeMirror parent : types.directSupertypes(type)) {
            DeclaredType found = findSupertype(parent, target);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first position that cannot be data in a shape, not looking into named types; {@code null} if none. */
    static DataTypeRules.Problem firstProblem(JsonShape shape) {
        if (shape instanceof JsonShape.Invalid invalid) {
            return invalid.problem();
        }
        if (shape instanceof JsonShape.ArrayOf array) {
            return firstProblem(array.items());
        }
        if (shape instanceof JsonShape.MapOf map) {
            DataTypeRules.Problem keys = firstProblem(map.keys());
            return keys != null ? keys : firstProblem(map.values());
        }
        if (shape instanceof JsonShape.OptionalOf optional) {
            return firstProblem(optional.value());
        }
        return null;
    }

    /** Every named type a shape refers to directly, in order. */
    static void refsOf(JsonShape shape, Consumer<String> keys) {
        if (shape instanceof JsonShape.Ref ref) {
            keys.accept(ref.key());
        } else if (shape instanceof JsonShape.ArrayOf array) {
            refsOf(array.items(), keys);
        } else if (shape instanceof JsonShape.MapOf map) {
            refsOf(map.keys(), keys);
            refsOf(map.values(), keys);
        } else if (shape instanceof JsonShape.OptionalOf optional) {
            refsOf(optional.value(), keys);
        }
    }

    /** Every named type reachable from {@code roots}, each once, in the order first reached. */
    Map<String, DataTypeDef> reachableFrom(List<JsonShape> roots) {
        return reachable(roots, definitions::get);
    }

    /** Every named type reachable from {@code roots}, looked up in {@code definitions}, in the order first reached. */
    static Map<String, DataTypeDef> reachable(List<JsonShape> roots,
            java.util.function.Function<String, DataTypeDef> definitions) {
        Map<String, DataTypeDef> reached = new LinkedHashMap<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        Consumer<String> visit = key -> {
            DataTypeDef def = definitions.apply(key);
            if (def != null && !reached.containsKey(key)) {
                reached.put(key, def);
                queue.add(key);
            }
        };
        for (JsonShape root : roots) {
            refsOf(root, visit);
        }
        while (!queue.isEmpty()) {
            DataTypeDef def = reached.get(queue.poll());
            if (def instanceof DataTypeDef.ObjectDef object) {
                for (DataTypeDef.Property property : object.properties()) {
                    refsOf(property.shape(), visit);
                }
            } else if (def instanceof DataTypeDef.UnionDef union) {
                for (DataTypeDef.Variant variant : union.variants()) {
                    refsOf(variant.shape(), visit);
                }
            }
        }
        return reached;
    }
}
