package io.typedipc.runtime.internal.wire;

/**
 * Makes text a peer chose (a renderer's name, a method name, a parser's message quoting the input) safe to put in a
 * log line: control and line-separator characters are escaped ({@code \n}, {@code \u2028}), so a peer cannot forge
 * a log line, and the text is cut at {@link #MAX_CHARS}, so it cannot flood the log either. For the runtime's own use.
 */
public final class LogText {
    /** The longest piece of peer text a log line carries. */
    public static final int MAX_CHARS = 200;

    private LogText() {}

    /** The longest line {@link ViolationLog} writes, its own words included. */
    public static final int MAX_LOG_LINE = 1000;

    public static String of(String text) {
        return of(text, MAX_CHARS);
    }

    /** {@code text} made safe, cut at {@code maxChars}. */
    public static String of(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder safe = null;
        int length = Math.min(text.length(), maxChars);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                if (safe == null) {
                    safe = new StringBuilder(length + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> safe.append("\\n");
                    case '\r' -> safe.append("\\r");
                    case '\t' -> safe.append("\\t");
                    default -> safe.append(String.format("\\u%04x", (int) c));
                }
            } else if (safe != null) {
                safe.append(c);
            }
        }
        String result = safe == null ? text.substring(0, length) : safe.toString();
        return text.length() > maxChars ? result + "…(" + text.length() + " chars)" : result;
    }

    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
