package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.LogText;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The rules for renderer names, in one place: main attaches a renderer under a name that is 1 to {@link #MAX_LENGTH}
 * characters, not blank, and free of control and line-separator characters (names are logged and compared by
 * routing policies), and unique among the connected renderers — a taken name gets the first free {@code -2},
 * {@code -3}, … suffix.
 */
public final class RendererNames {
    /** The longest name a renderer may ask for. */
    public static final int MAX_LENGTH = 128;

    private RendererNames() {}

    /** @throws IllegalArgumentException saying which rule {@code name} breaks */
    public static void check(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a renderer name must be 1 to " + MAX_LENGTH
                    + " characters and not blank, was \"" + LogText.of(name) + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            int type = Character.getType(name.charAt(i));
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT || type == Character.SURROGATE) {
                throw new IllegalArgumentException("a renderer name must not contain control, format or line-separator "
                        + "characters, was \"" + LogText.of(name) + "\"");
            }
        }
    }

    /** {@code name}, or the first of {@code name-2}, {@code name-3}, … that is not taken. */
    public static String unique(String name, Predicate<String> taken) {
        if (!taken.test(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String candidate = name + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }
}
