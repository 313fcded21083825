package io.typedipc.js;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.typedipc.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * One value of every row of docs/javascript.md's type mapping, for js/test/mapping.test.ts: the generated
 * TypeScript types must describe what Jackson really writes and reads. {@link #echo} sends back what it decoded;
 * {@link #javaView} says how Java saw it, so a value read wrongly cannot pass by being copied through.
 */
@Channel("mapping")
public interface Mapping {
    enum Color { RED, @JsonProperty("light-blue") LIGHT_BLUE }

    sealed interface Shape permits Circle, Square, Unit {}

    record Circle(double radius) implements Shape {}

    record Square(@JsonProperty("side-length") double side) implements Shape {}

    enum Unit implements Shape { POINT }

    record Sample(boolean flag, long big, BigDecimal price, char initial, @JsonProperty("display-name") String name,
                  byte[] blob, UUID id, Instant created, LocalDate day, LocalDateTime at, Duration took,
                  List<String> lines, Set<Color> colors, int[] numbers, Map<String, Integer> counts,
                  Optional<String> tag, OptionalInt rank, Color color, Shape shape) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sparse(String a, Integer b) {}

    Sample echo(Sample sample);

    String javaView(Sample sample);

    Sparse sparse(Sparse sparse);

    Optional<byte[]> bytes(Optional<byte[]> data);

    Map<Color, List<Shape>> byColor(Map<Color, List<Shape>> map);
}
