package io.typedipc.runtime.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sealed hierarchy sent as a tagged union: the {@code discriminator} property written into each variant's JSON
 * object names its variant by a fixed tag. Generated descriptors list the unions each channel reaches, so the runtime
 * can read them back knowing every variant at compile time: no class names on the wire, no classpath scanning, and
 * Jackson's polymorphic default typing stays off. An unknown tag is an invalid-params error naming the tag.
 *
 * <p>For generated code (the processor writes one per sealed type a channel reaches); applications need not call it.
 */
public final class TaggedUnion {
    private final Class<?> base;
    private final String discriminator;
    private final Map<String, Class<?>> variants;

    private TaggedUnion(Builder builder) {
        this.base = builder.base;
        this.discriminator = builder.discriminator;
        this.variants = Map.copyOf(builder.variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a tagged union needs at least one variant: " + base.getName());
        }
    }

    /** Starts the union of the sealed type {@code base}, tagged by the property {@code discriminator}. */
    public static Builder builder(Class<?> base, String discriminator) {
        return new Builder(base, discriminator);
    }

    /** The sealed type. */
    public Class<?> base() {
        return base;
    }

    /** The name of the property that carries the tag. */
    public String discriminator() {
        return discriminator;
    }

    /** The concrete variants by tag. */
    public Map<String, Class<?>> variants() {
        return variants;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaggedUnion union && union.base.equals(base)
                && union.discriminator.equals(discriminator) && union.variants.equals(variants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, discriminator, variants);
    }

    @Override
    public String toString() {
        return base.getName() + " tagged by " + discriminator + " " + variants.keySet();
    }

    /** Builds a {@link TaggedUnion}. */
    public static final class Builder {
        private final Class<?> base;
        private final String discriminator;
        private final Map<String, Class<?>> variants = new LinkedHashMap<>();

        private Builder(Class<?> base, String discriminator) {
            this.base = Objects.requireNonNull(base, "base");
            this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
        }

        /** Adds a concrete variant with its tag; a variant must be a subtype of the base, and tags unique. */
        public Builder variant(String tag, Class<?> type) {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(type, "type");
            if (!base.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not a " + base.getName());
            }
            if (variants.putIfAbsent(tag, type) != null) {
                throw new IllegalArgumentException("tag \"" + tag + "\" is used twice in " + base.getName());
            }
            return this;
        }

        public TaggedUnion build() {
            return new TaggedUnion(this);
        }
    }
}
