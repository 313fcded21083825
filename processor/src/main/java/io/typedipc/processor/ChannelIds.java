package io.typedipc.processor;

import java.util.regex.Pattern;

/**
 * The syntax of channel ids ({@code package:action}) and the mapping from method names to actions. Kept apart from
 * the rest of validation because docs/channels.md quotes these rules and the tests pin them.
 */
final class ChannelIds {
    /** One part: lower-case words of letters and digits joined by single dashes, starting with a letter. */
    private static final String PART = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
    private static final Pattern ACTION = Pattern.compile(PART);
    private static final Pattern PACKAGE = Pattern.compile(PART + "(?:\\." + PART + ")*");

    private ChannelIds() {}

    static boolean isAction(String text) {
        return ACTION.matcher(text).matches();
    }

    static boolean isPackage(String text) {
        return PACKAGE.matcher(text).matches();
    }

    static boolean isFullId(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && isPackage(text.substring(0, colon)) && isAction(text.substring(colon + 1));
    }

    /**
     * A method name in kebab-case: a new word starts at each upper-case letter that follows a lower-case letter or a
     * digit, and at the last capital of an acronym that is followed by a lower-case letter; underscores become dashes.
     * {@code queryAssets} → {@code query-assets}, {@code getURL} → {@code get-url}, {@code parseHTMLPage} →
     * {@code parse-html-page}, {@code getV2Data} → {@code get-v2-data}. The result is not necessarily a valid action
     * (for example with {@code $} or non-ASCII letters); callers check it with {@link #isAction}.
     */
    static String kebabCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                out.append('-');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                    char previous = name.charAt(i - 1);
                    boolean afterWord = Character.isLowerCase(previous) || Character.isDigit(previous);
                    boolean acronymEnd = Character.isUpperCase(previous)
                            && i + 1 < name.length()
                            && Character.isLowerCase(name.charAt(i + 1));
                    if (afterWord || acronymEnd) {
                        out.append('-');
                    }
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A Java constant name for an action: {@code query-info} → {@code QUERY_INFO}. */
    static String constantName(String methodName) {
        return kebabCase(methodName).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
