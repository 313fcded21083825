package io.typedipc.js;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Echoes each value as Jackson decoded it, and describes it in Java's terms. */
final class MappingService implements Mapping {
    @Override
    public Sample echo(Sample sample) {
        return sample;
    }

    @Override
    public String javaView(Sample s) {
        return String.join(" ", "flag=" + s.flag(), "big=" + s.big(), "price=" + s.price().toPlainString(),
                "initial=" + (int) s.initial(), "name=" + s.name(), "blob=" + Arrays.toString(s.blob()),
                "id=" + s.id(), "created=" + s.created().getEpochSecond() + "." + s.created().getNano(),
                "day=" + s.day().getDayOfYear(), "at=" + s.at().getHour(), "took=" + s.took().toMillis(),
                "lines=" + s.lines(), "colors=" + s.colors().size() + s.colors().contains(Color.LIGHT_BLUE),
                "numbers=" + Arrays.toString(s.numbers()), "counts=" + s.counts(), "tag=" + s.tag(),
                "rank=" + s.rank(), "color=" + s.color().name(), "shape=" + s.shape());
    }

    @Override
    public Sparse sparse(Sparse sparse) {
        return sparse;
    }

    @Override
    public Optional<byte[]> bytes(Optional<byte[]> data) {
        return data;
    }

    @Override
    public Map<Color, List<Shape>> byColor(Map<Color, List<Shape>> map) {
        return map;
    }
}
