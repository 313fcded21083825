package io.typedipc.processor;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Type names as people read them: short ones for error messages ({@code List<AssetInfo>}) and fully qualified ones,
 * without annotations, for the channel manifest ({@code java.util.List<com.example.AssetInfo>}).
 */
final class TypeNames {
    private TypeNames() {}

    static String simple(TypeMirror type) {
        return format(type, false);
    }

    static String qualified(TypeMirror type) {
        return format(type, true);
    }

    private static String format(TypeMirror type, boolean qualified) {
        if (type instanceof ArrayType array) {
            return format(array.getComponentType(), qualified) + "[]";
        }
        if (type instanceof WildcardType wildcard) {
            if (wildcard.getExtendsBound() != null) {
                return "? extends " + format(wildcard.getExtendsBound(), qualified);
            }
            if (wildcard.getSuperBound() != null) {
                return "? super " + format(wildcard.getSuperBound(), qualified);
            }
            return "?";
        }
        if (type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement element) {
            StringBuilder out = new StringBuilder(qualified
                    ? element.getQualifiedName().toString()
                    : element.getSimpleName().toString());
            List<? extends TypeMirror> arguments = declared.getTypeArguments();
            if (!arguments.isEmpty()) {
                out.append('<');
                for (int i = 0; i < arguments.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    out.append(format(arguments.get(i), qualified));
                }
                out.append('>');
            }
            return out.toString();
        }
        return type.getKind().isPrimitive() ? type.getKind().name().toLowerCase(java.util.Locale.ROOT)
                : type.toString();
    }
}
