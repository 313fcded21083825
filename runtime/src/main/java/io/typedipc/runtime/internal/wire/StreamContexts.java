package io.typedipc.runtime.internal.wire;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TreeNode;
import tools.jackson.core.type.ResolvedType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Token-level read and write contexts made once per mapper, with the mapper's stream and format features. A parser
 * or generator from {@code mapper.createParser} / {@code createGenerator} carries a fresh data-binding context per
 * message, which the runtime never uses: the envelope is read and written token by token, and values go through
 * prepared {@code ObjectReader}s and {@code ObjectWriter}s that make their own. A value read or written through the
 * parser or generator itself (a custom serializer's {@code writePOJO}) is still handed to the mapper.
 */
final class StreamContexts {
    private StreamContexts() {}

    static ObjectReadContext reading(ObjectMapper mapper) {
        int streamFeatures = mapper.deserializationConfig().getStreamReadFeatures();
        int formatFeatures = mapper.deserializationConfig().getFormatReadFeatures();
        TokenStreamFactory factory = mapper.tokenStreamFactory();
        return new ObjectReadContext.Base() {
            @Override
            public int getStreamReadFeatures(int defaults) {
                return streamFeatures;
            }

            @Override
            public int getFormatReadFeatures(int defaults) {
                return formatFeatures;
            }

            @Override
            public TokenStreamFactory tokenStreamFactory() {
                return factory;
            }

            @Override
            public StreamReadConstraints streamReadConstraints() {
                return factory.streamReadConstraints();
            }

            @Override
            @SuppressWarnings("unchecked") // as ObjectMapper's own context: the caller names the node type it expects
            public <T extends TreeNode> T readTree(JsonParser p) {
                return (T) mapper.readTree(p);
            }

            @Override
            public <T> T readValue(JsonParser p, Class<T> type) {
                return mapper.readValue(p, type);
            }

            @Override
            public <T> T readValue(JsonParser p, TypeReference<T> type) {
                return mapper.readValue(p, type);
            }

            @Override
            public <T> T readValue(JsonParser p, ResolvedType type) {
                return mapper.readValue(p, type);
            }
        };
    }

    static ObjectWriteContext writing(ObjectMapper mapper) {
        int streamFeatures = mapper.serializationConfig().getStreamWriteFeatures();
        int formatFeatures = mapper.serializationConfig().getFormatWriteFeatures();
        TokenStreamFactory factory = mapper.tokenStreamFactory();
        return new ObjectWriteContext.Base() {
            @Override
            public int getStreamWriteFeatures(int defaults) {
                return streamFeatures;
            }

            @Override
            public int getFormatWriteFeatures(int defaults) {
                return formatFeatures;
            }

            @Override
            public TokenStreamFactory tokenStreamFactory() {
                return factory;
            }

            @Override
            public tools.jackson.core.SerializableString getRootValueSeparator(
                    tools.jackson.core.SerializableString defaultSeparator) {
                return null; // MessageBytes writes one root value per message on a kept generator: no separator
            }

            @Override
            public void writeValue(JsonGenerator g, Object value) {
                mapper.writeValue(g, value);
            }

            @Override
            public void writeTree(JsonGenerator g, TreeNode tree) {
                mapper.writeTree(g, (tools.jackson.databind.JsonNode) tree);
            }
        };
    }
}
