package io.typedipc.runtime.codegen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the runtime needs to know about one typed channel method: its id, its kind, the types of its parameters
 * and result, its declared exceptions and its deadline. Generated senders hold one constant per method; dispatchers
 * register handlers with them. Immutable and shared.
 *
 * @param <R> the method's result type ({@code Void} for one-way methods); for asynchronous methods, the type the
 *     future completes with
 */
public final class MethodDescriptor<R> {

    /** How a method's call travels. */
    public enum Kind {
        /** A {@code void} method: a JSON-RPC notification; nothing comes back. */
        ONE_WAY,
        /** A plain return type: a JSON-RPC request whose caller blocks until the reply or the deadline. */
        BLOCKING,
        /** A {@code CompletableFuture<T>} or {@code CompletionStage<T>}: a JSON-RPC request completed later. */
        ASYNC
    }

    /** A checked exception the method declares, and how to rebuild it on the caller's side from its message. */
    public record DeclaredError<E extends Exception>(Class<E> type, Function<String, E> factory) {
        public DeclaredError {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(factory, "factory");
        }
    }

    private final String channel;
    private final Kind kind;
    private final List<String> parameterNames;
    private final List<TypeRecipe> parameterTypes;
    private final TypeRecipe resultType;
    private final List<DeclaredError<?>> declaredErrors;
    private final Duration deadline;
    private final Set<TaggedUnion> unions;

    private MethodDescriptor(Builder<R> builder) {
        this.channel = builder.channel;
        this.kind = builder.kind;
        this.parameterNames = List.copyOf(builder.parameterNames);
        this.parameterTypes = List.copyOf(builder.parameterTypes);
        this.resultType = builder.resultType;
        this.declaredErrors = List.copyOf(builder.declaredErrors);
        this.deadline = builder.deadline;
        this.unions = Set.copyOf(builder.unions);
    }

    /** Starts a descriptor for the channel {@code channel} ({@code "pkg:action"}). */
    public static <R> Builder<R> builder(String channel, Kind kind) {
        return new Builder<>(channel, kind);
    }

    public String channel() {
        return channel;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    public List<TypeRecipe> parameterTypes() {
        return parameterTypes;
    }

    /** The recipe of the result type; for {@link Kind#ONE_WAY} methods, {@code Void}. */
    public TypeRecipe resultType() {
        return resultType;
    }

    public List<DeclaredError<?>> declaredErrors() {
        return declaredErrors;
    }

    /** The channel's own deadline from {@code @Channel(deadlineMillis = ...)}, or {@code null} for the default. */
    public Duration deadline() {
        return deadline;
    }

    /** The sealed hierarchies the method's parameters and result reach, sent as tagged unions. */
    public Set<TaggedUnion> unions() {
        return unions;
    }

    /**
     * Finds the declared error whose class is {@code throwable}'s class or one of its superclasses, or {@code null}.
     * The first declared match wins, in declaration order.
     */
    public DeclaredError<?> declaredErrorFor(Throwable throwable) {
        for (DeclaredError<?> error : declaredErrors) {
            if (error.type().isInstance(throwable)) {
                return error;
            }
        }
        return null;
    }

    /** Finds the declared error with the given binary class name, or {@code null}. */
    public DeclaredError<?> declaredErrorNamed(String typeName) {
        for (DeclaredError<?> error : declaredErrors) {
            if (error.type().getName().equals(typeName)) {
                return error;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return kind + " " + channel + parameterNames;
    }

    /** Builds a {@link MethodDescriptor}; parameters are added in declaration order. */
    public static final class Builder<R> {
        private final String channel;
        private final Kind kind;
        private final List<String> parameterNames = new ArrayList<>();
        private final List<TypeRecipe> parameterTypes = new ArrayList<>();
        private TypeRecipe resultType = TypeRecipe.of(Void.class);
        private final List<DeclaredError<?>> declaredErrors = new ArrayList<>();
        private Duration deadline;
        private final Set<TaggedUnion> unions = new LinkedHashSet<>();

        private Builder(String channel, Kind kind) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Builder<R> parameter(String name, TypeRecipe type) {
            parameterNames.add(Objects.requireNonNull(name, "name"));
            parameterTypes.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        public Builder<R> result(TypeRecipe type) {
            if (kind == Kind.ONE_WAY) {
                throw new IllegalStateException("a one-way method has no result: " + channel);
            }
            this.resultType = Objects.requireNonNull(type, "type");
            return this;
        }

        public <E extends Exception> Builder<R> declares(Class<E> type, Function<String, E> factory) {
            declaredErrors.add(new DeclaredError<>(type, factory));
            return this;
        }

        /** The channel's own deadline; {@code millis <= 0} keeps the runtime's default. */
        public Builder<R> deadlineMillis(long millis) {
            this.deadline = millis > 0 ? Duration.ofMillis(millis) : null;
            return this;
        }

        /** A sealed hierarchy the parameters or result reach, sent as a tagged union. */
        public Builder<R> union(TaggedUnion union) {
            unions.add(Objects.requireNonNull(union, "union"));
            return this;
        }

        public MethodDescriptor<R> build() {
            return new MethodDescriptor<>(this);
        }
    }
}
