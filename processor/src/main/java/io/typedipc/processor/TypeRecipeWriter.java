package io.typedipc.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Writes the {@code TypeRecipe} of a parameter or result: {@code TypeRecipe.of(X.class)} for a type without type
 * arguments, else a lambda of plain {@code TypeFactory} calls that builds the full generic type. The runtime resolves
 * each recipe once per mapper into a Jackson {@code JavaType} and pre-builds its reader and writer, so no reflection
 * on generic signatures is needed at run time.
 */
final class TypeRecipeWriter {
    static final ClassName TYPE_RECIPE = ClassName.get(GeneratedCode.CODEGEN, "TypeRecipe");

    /** java.util types whose single type parameter is the element type, so constructCollectionType fits. */
    private static final Set<String> COLLECTIONS = Set.of(
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.Queue", "java.util.Deque", "java.util.ArrayList",
            "java.util.LinkedList", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.ArrayDeque");
    /** java.util types whose two type parameters are key and value, so constructMapType fits. */
    private static final Set<String> MAPS = Set.of(
            "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap");

    private TypeRecipeWriter() {}

    static CodeBlock recipe(TypeMirror type) {
        TypeMirror plain = ModelBuilder.withoutWildcard(type);
        if (isSimple(plain)) {
            return CodeBlock.of("$T.of($T.class)", TYPE_RECIPE, rawName(plain));
        }
        return CodeBlock.of("t -> $L", javaType(plain));
    }

    private static boolean isSimple(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return isSimple(array.getComponentType());
        }
        return type instanceof DeclaredType declared && declared.getTypeArguments().isEmpty();
    }

    /** The class literal's type: primitives, arrays and erased classes. */
    private static TypeName rawName(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return ArrayTypeName.of(rawName(array.getComponentType()));
        }
        if (type instanceof DeclaredType declared) {
            return ClassName.get((TypeElement) declared.asElement());
        }
        return TypeName.get(type).withoutAnnotations();
    }

    private static CodeBlock javaType(TypeMirror type) {
        TypeMirror plain = ModelBuilder.withoutWildcard(type);
        if (isSimple(plain)) {
            return CodeBlock.of("t.constructType($T.class)", rawName(plain));
        }
        if (plain instanceof ArrayType array) {
            return CodeBlock.of("t.constructArrayType($L)", javaType(array.getComponentType()));
        }
        DeclaredType declared = (DeclaredType) plain;
        TypeElement element = (TypeElement) declared.asElement();
        String name = element.getQualifiedName().toString();
        List<? extends TypeMirror> arguments = declared.getTypeArguments();
        ClassName raw = ClassName.get(element);
        if (COLLECTIONS.contains(name) && arguments.size() == 1) {
            return CodeBlock.of("t.constructCollectionType($T.class, $L)", raw, javaType(arguments.get(0)));
        }
        if (MAPS.contains(name) && arguments.size() == 2) {
            return CodeBlock.of("t.constructMapType($T.class, $L, $L)", raw, javaType(arguments.get(0)),
                    javaType(arguments.get(1)));
        }
        CodeBlock.Builder code = CodeBlock.builder().add("t.constructParametricType($T.class", raw);
        for (TypeMirror argument : arguments) {
            code.add(", $L", javaType(argument));
        }
        return code.add(")").build();
    }
}
