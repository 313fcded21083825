package io.typedipc.runtime.codegen;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * Builds the Jackson type of one parameter or result. Generated code writes one per position, as plain calls on a
 * {@link TypeFactory} ({@code t -> t.constructCollectionType(List.class, AssetInfo.class)}), so no reflection is
 * needed to learn generic types; the runtime resolves each recipe once per {@code JsonMapper}.
 */
@FunctionalInterface
public interface TypeRecipe {
    JavaType resolve(TypeFactory types);

    /** The recipe of a plain, non-generic class. */
    static TypeRecipe of(Class<?> type) {
        return types -> types.constructType(type);
    }
}
