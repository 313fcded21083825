package io.typedipc.runtime.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The per-thread encode buffer gives exact bytes, whatever came before on the thread and however deep it nests. */
class MessageBytesTest {
    private static final tools.jackson.core.ObjectWriteContext MAPPER = StreamContexts.writing(JsonMapper.builder().build());

    @Test
    void aSmallMessageAfterALargeOneIsExact() {
        String large = "x".repeat(3 * MessageBytes.RETAINED_BYTES);
        assertEquals("\"" + large + "\"", text(MessageBytes.encode(MAPPER, g -> g.writeString(large))));
        assertEquals("[1,2]", text(MessageBytes.encode(MAPPER, g -> {
            g.writeStartArray();
            g.writeNumber(1);
            g.writeNumber(2);
            g.writeEndArray();
        })));
    }

    @Test
    void aMessageThatFailsHalfWayLeavesNothingBehindForTheNext() {
        RuntimeException failure = new IllegalStateException("a serializer failed");
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> MessageBytes.encode(MAPPER, g -> {
                    g.writeStartObject();
                    g.writeName("half");
                    throw failure;
                }));
        assertEquals(failure, thrown);
        assertEquals("{\"next\":1}", text(MessageBytes.encode(MAPPER, g -> {
            g.writeStartObject();
            g.writeNumberProperty("next", 1);
            g.writeEndObject();
        })), "the kept generator was dropped: the next message starts clean");
    }

    @Test
    void anEncodingInsideAnEncodingGetsItsOwnBuffer() {
        String[] inner = new String[1];
        byte[] outer = MessageBytes.encode(MAPPER, g -> {
            g.writeStartObject();
            inner[0] = text(MessageBytes.encode(MAPPER, nested -> nested.writeString("inner")));
            g.writeStringProperty("outer", "value");
            g.writeEndObject();
        });
        assertEquals("\"inner\"", inner[0]);
        assertEquals("{\"outer\":\"value\"}", text(outer));
    }

    @Test
    void twoContextsInTurnEachWriteWithTheirOwnSettings() {
        tools.jackson.core.ObjectWriteContext escaping = StreamContexts.writing(JsonMapper.builder()
                .enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build());
        tools.jackson.core.ObjectWriteContext third = StreamContexts.writing(JsonMapper.builder().build());
        for (int round = 0; round < 3; round++) {
            int i = round;
            assertEquals("\"\\u00E9\"", text(MessageBytes.encode(escaping, g -> g.writeString("\u00e9"))));
            assertEquals("\"\u00e9\"", text(MessageBytes.encode(MAPPER, g -> g.writeString("\u00e9"))));
            assertEquals("[" + i + "]", text(MessageBytes.encode(third, g -> {
                g.writeStartArray();
                g.writeNumber(i);
                g.writeEndArray();
            })), "a third context in turn replaces the older kept generator");
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
