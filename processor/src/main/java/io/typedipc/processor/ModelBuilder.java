package io.typedipc.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Channel} interface into a {@link ChannelInterface}, applying every rule on the way and reporting
 * every problem it finds through {@link Diagnostics}. Returns {@code null} when anything was wrong, so nothing is
 * generated for an interface with errors.
 */
final class ModelBuilder {
    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

    private final Elements elements;
    private final Types types;
    private final Diagnostics diagnostics;
    private final ChannelRegistry registry;
    private final Accessibility accessibility;
    private final DataTypeRules dataRules;
    private final DataTypes dataTypes;
    private final DataTypeReport dataReport;
    private final ExceptionRules exceptions;
    private final MethodCollector collector;

    ModelBuilder(Elements elements, Types types, Diagnostics diagnostics, ChannelRegistry registry,
            DataTypeRules dataRules, DataTypes dataTypes, DataTypeReport dataReport) {
        this.elements = elements;
        this.types = types;
        this.diagnostics = diagnostics;
        this.registry = registry;
        this.accessibility = new Accessibility(elements);
        this.dataRules = dataRules;
        this.dataTypes = dataTypes;
        this.dataReport = dataReport;
        this.exceptions = new ExceptionRules(types, elements, accessibility);
        this.collector = new MethodCollector(types);
    }

    /** The ids that apply to the methods declared in one interface: a package, or a single full id, and a deadline. */
    private record Scope(String packageName, String singleId, long deadlineMillis, boolean valid) {}

    ChannelInterface build(TypeElement type) {
        int errorsBefore = diagnostics.errorCount();
        ChannelAnnotation annotation = ChannelAnnotation.of(type);
        if (type.getKind() != ElementKind.INTERFACE) {
            diagnostics.error(ErrorTag.NOT_AN_INTERFACE, type, annotation, "@Channel is on "
                    + describeKind(type.getKind()) + " " + type.getSimpleName() + "; channels are declared on"
                    + " interfaces, so declare 'interface " + type.getSimpleName() + "' and implement it");
            return null;
        }
        String javaPackage = accessibility.packageOf(type);
        if (!type.getTypeParameters().isEmpty()) {
            diagnostics.error(ErrorTag.GENERIC_INTERFACE, type.getTypeParameters().get(0), "channel interface "
                    + type.getSimpleName() + " has type parameters, but a channel's types must be fixed at compile"
                    + " time; remove them, or declare a generic base interface without @Channel and extend it with"
                    + " the type arguments filled in");
        }
        if (type.getModifiers().contains(Modifier.PRIVATE) || !accessibility.isAccessibleFrom(type, javaPackage)) {
            diagnostics.error(ErrorTag.NOT_ACCESSIBLE, type, annotation, "channel interface " + type.getSimpleName()
                    + " is private (or nested in a private class), so the generated sender cannot implement it;"
                    + " make it at least package-private");
        }
        Scope scope = scopeOf(type, annotation, true);
        reportChannelsOnConcreteMethods(type);

        List<ExecutableElement> methodElements = collector.channelMethods(type);
        if (scope.singleId() != null && methodElements.size() != 1) {
            diagnostics.error(ErrorTag.SINGLE_CHANNEL, type, annotation, "interface " + type.getSimpleName()
                    + " is annotated with the full id \"" + scope.singleId() + "\", which names a single channel, but"
                    + " it has " + methodElements.size() + " abstract methods; give it exactly one, or annotate it"
                    + " with just the package (\"" + scope.singleId().substring(0, scope.singleId().indexOf(':'))
                    + "\")");
        }
        List<ChannelMethod> methods = new ArrayList<>();
        for (ExecutableElement method : methodElements) {
            ChannelMethod built = buildMethod(type, scope, method);
            if (built != null) {
                methods.add(built);
            }
        }
        reportDuplicates(type, methods);
        reportReservedNames(type, methods);
        if (diagnostics.errorCount() > errorsBefore) {
            return null;
        }
        reportCompilationDuplicates(type, methods);
        if (diagnostics.errorCount() > errorsBefore) {
            return null;
        }
        for (ChannelMethod method : methods) {
            registry.claim(method.channelId(), method.element(), type);
        }
        String baseName = generatedBaseName(type);
        List<JsonShape> roots = new ArrayList<>();
        methods.forEach(method -> roots.addAll(method.shapes()));
        return new ChannelInterface(
                type,
                ClassName.get(type),
                javaPackage,
                ClassName.get(javaPackage, baseName + "Sender"),
                ClassName.get(javaPackage, baseName + "Dispatcher"),
                accessibility.isPublicEverywhere(type),
                List.copyOf(withConstantNames(methods)),
                dataTypes.reachableFrom(roots));
    }

    /** {@code Outer_Inner} for a nested interface, so the generated classes can be top-level in the same package. */
    static String generatedBaseName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        Element enclosing = type.getEnclosingElement();
        while (enclosing instanceof TypeElement outer) {
            name.insert(0, outer.getSimpleName() + "_");
            enclosing = outer.getEnclosingElement();
        }
        return name.toString();
    }

    // ------------------------------------------------------------------------------------------------ ids and scope

    /** Reads an interface's own {@code @Channel}; reports malformed values only for the channel interface itself. */
    private Scope scopeOf(TypeElement type, ChannelAnnotation annotation, boolean report) {
        if (annotation == null) {
            return new Scope(null, null, 0, true);
        }
        boolean valid = true;
        long deadline = annotation.deadlineMillis();
        if (deadline < 0) {
            valid = false;
            if (report) {
                diagnostics.error(ErrorTag.BAD_DEADLINE, type, annotation.mirror(), annotation.valueOfDeadline(),
                        "deadlineMillis is " + deadline + "; use a positive number of milliseconds, or leave it out"
                                + " for the runtime's default");
            }
        }
        String value = annotation.value();
        if (annotation.isFullId()) {
            if (ChannelIds.isFullId(value)) {
                return new Scope(null, value, deadline, valid);
            }
            if (report) {
                diagnostics.error(ErrorTag.BAD_ID, type, annotation, badIdMessage(value, "channel id"));
            }
            return new Scope(null, null, deadline, false);
        }
        if (ChannelIds.isPackage(value)) {
            return new Scope(value, null, deadline, valid);
        }
        if (report) {
            diagnostics.error(ErrorTag.BAD_ID, type, annotation, badIdMessage(value, "channel package"));
        }
        return new Scope(null, null, deadline, false);
    }

    private static String badIdMessage(String value, String what) {
        return "\"" + value + "\" is not a valid " + what + "; ids look like \"package:action\", each part lower-case"
                + " words of letters and digits joined by '-' (dots allowed in the package), for example"
                + " \"asset-db:query-info\"";
    }

    private void reportChannelsOnConcreteMethods(TypeElement type) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            ChannelAnnotation annotation = ChannelAnnotation.of(method);
            Modifier concrete = method.getModifiers().contains(Modifier.DEFAULT) ? Modifier.DEFAULT
                    : method.getModifiers().contains(Modifier.STATIC) ? Modifier.STATIC
                    : method.getModifiers().contains(Modifier.PRIVATE) ? Modifier.PRIVATE : null;
            if (annotation != null && concrete != null) {
                diagnostics.error(ErrorTag.CONCRETE_METHOD, method, annotation, "@Channel is on the " + concrete
                        + " method " + method.getSimpleName() + "(), but only abstract methods are channels (the"
                        + " generated sender implements them); remove the annotation, or make the method abstract");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ methods

    /** Where to report a problem with a method: at it when declared here, else at the channel interface. */
    private record Site(Element element, ChannelAnnotation annotation, String prefix) {}

    private Site siteOf(TypeElement type, ExecutableElement method) {
        if (method.getEnclosingElement().equals(type)) {
            return new Site(method, ChannelAnnotation.of(method), "");
        }
        TypeElement declaring = (TypeElement) method.getEnclosingElement();
        return new Site(type, ChannelAnnotation.of(type), "inherited method " + declaring.getSimpleName() + "."
                + method.getSimpleName() + "(): ");
    }

    private ChannelMethod buildMethod(TypeElement type, Scope scope, ExecutableElement method) {
        int errorsBefore = diagnostics.errorCount();
        Site site = siteOf(type, method);
        String javaPackage = accessibility.packageOf(type);
        if (!method.getTypeParameters().isEmpty()) {
            diagnostics.error(ErrorTag.GENERIC_METHOD, site.element() == type ? type : method, site.prefix()
                    + "method " + method.getSimpleName() + "() has type parameters, but a channel's types must be"
                    + " fixed at compile time; replace the type variables with concrete types");
            return null;
        }
        TypeElement declaring = (TypeElement) method.getEnclosingElement();
        Scope declaringScope = declaring.equals(type) ? scope : inheritedScope(declaring, scope);
        ChannelAnnotation own = ChannelAnnotation.of(method);
        String id = channelId(method, site, declaringScope, own);

        ExecutableType signature = (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
        TypeMirror returnType = signature.getReturnType();
        MethodKind kind;
        TypeMirror resultType = null;
        JsonShape resultShape = null;
        if (returnType.getKind() == TypeKind.VOID) {
            kind = MethodKind.ONE_WAY;
        } else if (isNamed(returnType, COMPLETABLE_FUTURE) || isNamed(returnType, COMPLETION_STAGE)) {
            kind = MethodKind.ASYNC;
            List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
            if (arguments.isEmpty()) {
                diagnostics.error(ErrorTag.RAW_TYPE, site.element(), site.prefix() + "method "
                        + method.getSimpleName() + "() returns a raw " + simpleName(returnType) + "; say what it"
                        + " completes with, for example " + simpleName(returnType) + "<Void> or "
                        + simpleName(returnType) + "<String>");
            } else {
                resultType = withoutWildcard(arguments.get(0));
                resultShape = checkData(resultType, site, "the result of " + method.getSimpleName() + "()", javaPackage);
            }
        } else if (isFutureLike(returnType)) {
            kind = MethodKind.ASYNC;
            diagnostics.error(ErrorTag.BAD_FUTURE, site.element(), site.prefix() + "method " + method.getSimpleName()
                    + "() returns " + simpleName(returnType) + ", but an asynchronous channel method returns"
                    + " CompletableFuture<T> or CompletionStage<T>; change the return type to one of those");
        } else {
            kind = MethodKind.BLOCKING;
            resultType = returnType;
            resultShape = checkData(resultType, site, "the result of " + method.getSimpleName() + "()", javaPackage);
        }

        List<ChannelParameter> parameters = new ArrayList<>();
        List<? extends VariableElement> parameterElements = method.getParameters();
        for (int i = 0; i < parameterElements.size(); i++) {
            VariableElement parameter = parameterElements.get(i);
            TypeMirror parameterType = signature.getParameterTypes().get(i);
            Site parameterSite = site.element() == method ? new Site(parameter, null, "") : site;
            JsonShape shape = checkData(parameterType, parameterSite, "parameter '" + parameter.getSimpleName()
                    + "' of " + method.getSimpleName() + "()", javaPackage);
            parameters.add(new ChannelParameter(parameter.getSimpleName().toString(), parameterType, shape));
        }

        List<DeclaredError> declaredErrors = new ArrayList<>();
        for (TypeMirror thrown : signature.getThrownTypes()) {
            ExceptionRules.Verdict verdict = exceptions.check(thrown, javaPackage);
            if (verdict.isUnchecked()) {
                continue;
            }
            if (kind == MethodKind.ONE_WAY) {
                diagnostics.error(ErrorTag.ONE_WAY_THROWS, site.element(), site.prefix() + "one-way method "
                        + method.getSimpleName() + "() declares " + simpleName(thrown) + ", but nothing comes back"
                        + " from a one-way message; remove it from the throws clause, or return"
                        + " CompletableFuture<Void> so the caller learns of failures");
            } else if (verdict.problem() != null) {
                diagnostics.error(ErrorTag.BAD_EXCEPTION, site.element(), site.prefix() + "declared exception "
                        + simpleName(thrown) + " of " + method.getSimpleName() + "() " + verdict.problem());
            } else {
                declaredErrors.add(verdict.carried());
            }
        }

        long deadline = declaringScope.deadlineMillis();
        if (own != null && own.valueOfDeadline() != null) {
            if (own.deadlineMillis() < 0) {
                diagnostics.error(ErrorTag.BAD_DEADLINE, method, own.mirror(), own.valueOfDeadline(),
                        "deadlineMillis is " + own.deadlineMillis() + "; use a positive number of milliseconds, or"
                                + " leave it out for the interface's or the runtime's default");
            } else if (kind == MethodKind.ONE_WAY && own.deadlineMillis() > 0) {
                diagnostics.error(ErrorTag.BAD_DEADLINE, method, own.mirror(), own.valueOfDeadline(),
                        "deadlineMillis is set on the one-way method " + method.getSimpleName() + "(), which never"
                                + " waits for a reply; remove it, or make the method a request");
            }
            deadline = own.deadlineMillis();
        }
        if (kind == MethodKind.ONE_WAY || deadline < 0) {
            deadline = 0;
        }
        if (id == null && diagnostics.errorCount() == errorsBefore && !declaring.equals(type)) {
            diagnostics.error(ErrorTag.BAD_ID, type, site.prefix() + "the @Channel of "
                    + declaring.getSimpleName() + " is not valid, so this inherited method has no channel id; fix"
                    + " the @Channel of " + declaring.getSimpleName());
        }
        if (diagnostics.errorCount() > errorsBefore || id == null) {
            return null;
        }
        return new ChannelMethod(method, id, ChannelIds.constantName(method.getSimpleName().toString()), kind,
                List.copyOf(parameters), returnType, resultType, resultShape, List.copyOf(signature.getThrownTypes()),
                List.copyOf(declaredErrors), deadline);
    }

    /**
     * The scope of a method inherited from {@code declaring}: an annotated super-interface keeps its own ids (so its
     * own sender and dispatcher agree with the sub-interface's); an unannotated one lends its methods to the channel
     * interface's package.
     */
    private Scope inheritedScope(TypeElement declaring, Scope channelScope) {
        ChannelAnnotation annotation = ChannelAnnotation.of(declaring);
        if (annotation == null) {
            return channelScope;
        }
        return scopeOf(declaring, annotation, false);
    }

    private String channelId(ExecutableElement method, Site site, Scope scope, ChannelAnnotation own) {
        if (!scope.valid()) {
            return null;
        }
        if (scope.singleId() != null) {
            if (own != null) {
                diagnostics.error(ErrorTag.SINGLE_CHANNEL, site.element(), site.annotation(), site.prefix()
                        + "method " + method.getSimpleName() + "() has its own @Channel, but its interface's full id"
                        + " \"" + scope.singleId() + "\" already names its channel; remove one of the two");
                return null;
            }
            return scope.singleId();
        }
        if (own != null) {
            String value = own.value();
            if (own.isFullId()) {
                if (ChannelIds.isFullId(value)) {
                    return value;
                }
                diagnostics.error(ErrorTag.BAD_ID, site.element(), site.annotation(), site.prefix()
                        + badIdMessage(value, "channel id"));
                return null;
            }
            if (!ChannelIds.isAction(value)) {
                diagnostics.error(ErrorTag.BAD_ID, site.element(), site.annotation(), site.prefix()
                        + badIdMessage(value, "channel action"));
                return null;
            }
            if (scope.packageName() == null) {
                diagnostics.error(ErrorTag.MISSING_PACKAGE, site.element(), site.annotation(), site.prefix()
                        + "@Channel(\"" + value + "\") gives only an action, and the interface has no @Channel"
                        + " package; write the full id (\"package:" + value + "\"), or annotate the interface with"
                        + " @Channel(\"package\")");
                return null;
            }
            return scope.packageName() + ":" + value;
        }
        if (scope.packageName() == null) {
            diagnostics.error(ErrorTag.MISSING_PACKAGE, site.element(), site.prefix() + "method "
                    + method.getSimpleName() + "() has no channel id: its interface has no @Channel package; give"
                    + " the method a full @Channel(\"package:action\"), or annotate the interface with"
                    + " @Channel(\"package\")");
            return null;
        }
        String action = ChannelIds.kebabCase(method.getSimpleName().toString());
        if (!ChannelIds.isAction(action)) {
            diagnostics.error(ErrorTag.BAD_ID, site.element(), site.prefix() + "the name of method "
                    + method.getSimpleName() + "() does not make a valid channel action (\"" + action + "\"); give"
                    + " it an explicit one, such as @Channel(\"do-something\")");
            return null;
        }
        return scope.packageName() + ":" + action;
    }

    /** Walks a parameter or result type as Jackson binds it, reports every problem, and returns its JSON shape. */
    private JsonShape checkData(TypeMirror type, Site site, String what, String javaPackage) {
        JsonShape shape = dataTypes.shapeOf(type);
        dataReport.report(shape, simpleName(type), new DataTypeReport.Site(site.element(), site.prefix()), what);
        if (DataTypes.firstProblem(shape) == null) {
            DataTypeRules.Problem hidden = dataRules.inaccessible(type, javaPackage);
            if (hidden != null) {
                diagnostics.error(hidden.tag(), site.element(), site.prefix() + what + " has type "
                        + simpleName(type) + ", which " + hidden.reason());
            }
        }
        // The descriptor names each union's sealed type and variants in class literals.
        for (DataTypeDef def : DataTypes.reachable(List.of(shape), dataTypes::definition).values()) {
            if (def instanceof DataTypeDef.UnionDef union) {
                List<TypeElement> named = new ArrayList<>(List.of(union.element()));
                union.variants().forEach(variant -> named.add(variant.element()));
                for (TypeElement element : named) {
                    if (!accessibility.isAccessibleFrom(element, javaPackage)) {
                        diagnostics.error(ErrorTag.NOT_ACCESSIBLE, site.element(), site.prefix() + what + " → `"
                                + union.element().getSimpleName() + "` (a tagged union) names "
                                + element.getSimpleName() + ", which "
                                + DataTypeRules.notAccessible(element, javaPackage).reason()
                                + ": the generated descriptor lists every variant");
                    }
                }
            }
        }
        return shape;
    }

    // -------------------------------------------------------------------------------------------------- duplicates

    private void reportDuplicates(TypeElement type, List<ChannelMethod> methods) {
        Map<String, ChannelMethod> byId = new HashMap<>();
        for (ChannelMethod method : methods) {
            ChannelMethod first = byId.putIfAbsent(method.channelId(), method);
            if (first == null) {
                continue;
            }
            Site site = siteOf(type, method.element());
            if (first.name().equals(method.name())) {
                diagnostics.error(ErrorTag.OVERLOAD_SHARES_ID, site.element(), site.annotation(), site.prefix()
                        + "overloads of " + method.name() + "() would share the channel id \"" + method.channelId()
                        + "\"; give each overload its own @Channel action");
            } else {
                diagnostics.error(ErrorTag.DUPLICATE_ID, site.element(), site.annotation(), site.prefix()
                        + "channel id \"" + method.channelId() + "\" of " + method.name() + "() is already used by "
                        + first.name() + "() in this interface; give one of them another @Channel action");
            }
        }
    }

    private void reportCompilationDuplicates(TypeElement type, List<ChannelMethod> methods) {
        for (ChannelMethod method : methods) {
            ChannelRegistry.Owner owner = registry.conflict(method.channelId(), method.element());
            if (owner != null) {
                Site site = siteOf(type, method.element());
                diagnostics.error(ErrorTag.DUPLICATE_ID_IN_COMPILATION, site.element(), site.annotation(),
                        site.prefix() + "channel id \"" + method.channelId() + "\" of " + method.name() + "() is"
                                + " already used by " + owner.describe() + "; channel ids must be unique, so change"
                                + " the @Channel of one of them");
            }
        }
    }

    private void reportReservedNames(TypeElement type, List<ChannelMethod> methods) {
        boolean hasRequests = methods.stream().anyMatch(method -> method.kind() != MethodKind.ONE_WAY);
        for (ChannelMethod method : methods) {
            if (hasRequests && method.name().equals("withDeadline") && method.parameters().size() == 1
                    && isNamed(method.parameters().get(0).type(), "java.time.Duration")) {
                Site site = siteOf(type, method.element());
                diagnostics.error(ErrorTag.RESERVED_NAME, site.element(), site.prefix() + "withDeadline(Duration) is"
                        + " generated on every sender of an interface with requests; rename the method and keep its"
                        + " id with @Channel(\"with-deadline\")");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ naming

    /** Descriptor constant names: the method name in UPPER_SNAKE, with the action for overloads, unique. */
    private static List<ChannelMethod> withConstantNames(List<ChannelMethod> methods) {
        Map<String, Integer> byName = new HashMap<>();
        for (ChannelMethod method : methods) {
            byName.merge(method.name(), 1, Integer::sum);
        }
        Map<String, ChannelMethod> used = new LinkedHashMap<>();
        List<ChannelMethod> named = new ArrayList<>();
        for (ChannelMethod method : methods) {
            String base = byName.get(method.name()) > 1
                    ? method.channelId().substring(method.channelId().indexOf(':') + 1)
                            .replace('-', '_').toUpperCase(java.util.Locale.ROOT)
                    : method.constantName();
            String name = base;
            for (int n = 2; used.containsKey(name) || name.equals("DEFAULT"); n++) {
                name = base + "_" + n;
            }
            ChannelMethod renamed = new ChannelMethod(method.element(), method.channelId(), name, method.kind(),
                    method.parameters(), method.returnType(), method.resultType(), method.resultShape(),
                    method.thrownTypes(),
                    method.declaredErrors(), method.deadlineMillis());
            used.put(name, renamed);
            named.add(renamed);
        }
        return named;
    }

    // ------------------------------------------------------------------------------------------------------ types

    private boolean isNamed(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    private boolean isFutureLike(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeMirror erased = types.erasure(type);
        for (String name : List.of("java.util.concurrent.Future", COMPLETION_STAGE)) {
            TypeElement future = elements.getTypeElement(name);
            if (future != null && types.isSubtype(erased, types.erasure(future.asType()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code ? extends T} and {@code ? super T} travel as {@code T}; a bare {@code ?} stays and is rejected. */
    static TypeMirror withoutWildcard(TypeMirror type) {
        if (type instanceof WildcardType wildcard) {
            if (wildcard.getExtendsBound() != null) {
                return wildcard.getExtendsBound();
            }
            if (wildcard.getSuperBound() != null) {
                return wildcard.getSuperBound();
            }
        }
        return type;
    }

    private static String simpleName(TypeMirror type) {
        return TypeNames.simple(type);
    }

    private static String describeKind(ElementKind kind) {
        return switch (kind) {
            case CLASS -> "the class";
            case ENUM -> "the enum";
            case ANNOTATION_TYPE -> "the annotation";
            case RECORD -> "the record";
            default -> "the " + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
