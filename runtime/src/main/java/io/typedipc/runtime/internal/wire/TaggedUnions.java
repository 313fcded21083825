package io.typedipc.runtime.internal.wire;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.typedipc.runtime.codegen.TaggedUnion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

/**
 * Teaches a mapper the tagged unions of some channels, as if each sealed type carried
 * {@code @JsonTypeInfo(use = NAME, property = discriminator)} and {@code @JsonSubTypes} listing exactly its
 * variants: the type id is a tag from a fixed list, never a class name, so nothing a peer sends can make Jackson load
 * a class. The application's mapper is not changed: {@link #derive} builds a copy with the same settings.
 */
final class TaggedUnions {
    private TaggedUnions() {}

    /** A copy of {@code mapper} that reads and writes {@code unions}. */
    static ObjectMapper derive(ObjectMapper mapper, Set<TaggedUnion> unions) {
        UnionIntrospector introspector = new UnionIntrospector(unions);
        SimpleModule module = new SimpleModule("typed-ipc-tagged-unions") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.insertAnnotationIntrospector(introspector);
            }
        };
        return mapper.rebuild().addModule(module).build();
    }

    /**
     * Answers Jackson's questions about polymorphic types for the unions' sealed types and their variants only.
     * Jackson's introspectors are {@code Serializable} for JDK serialization of whole mappers, which the runtime never
     * does; its maps of classes need not be serializable (JDK 21+ javac's {@code serial} lint would say otherwise).
     */
    @SuppressWarnings("serial")
    private static final class UnionIntrospector extends NopAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        private final Map<Class<?>, JsonTypeInfo.Value> typeInfo = new HashMap<>();
        private final Map<Class<?>, List<NamedType>> subtypes = new HashMap<>();
        private final Map<Class<?>, String> tags = new HashMap<>();

        UnionIntrospector(Set<TaggedUnion> unions) {
            for (TaggedUnion union : unions) {
                typeInfo.put(union.base(), JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME,
                        JsonTypeInfo.As.PROPERTY, union.discriminator(), null, false, Boolean.TRUE, null));
                subtypes.put(union.base(), union.variants().entrySet().stream()
                        .map(variant -> new NamedType(variant.getValue(), variant.getKey()))
                        .toList());
                union.variants().forEach((tag, type) -> tags.put(type, tag));
            }
        }

        @Override
        public JsonTypeInfo.Value findPolymorphicTypeInfo(MapperConfig<?> config, Annotated annotated) {
            return annotated instanceof AnnotatedClass type ? typeInfo.get(type.getRawType()) : null;
        }

        @Override
        public List<NamedType> findSubtypes(MapperConfig<?> config, Annotated annotated) {
            return annotated instanceof AnnotatedClass type ? subtypes.get(type.getRawType()) : null;
        }

        @Override
        public String findTypeName(MapperConfig<?> config, AnnotatedClass type) {
            return tags.get(type.getRawType());
        }
    }
}
