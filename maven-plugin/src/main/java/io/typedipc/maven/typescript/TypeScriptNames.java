package io.typedipc.maven.typescript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the TypeScript name of every exported symbol of one generated file: data types (by their manifest key,
 * {@code model.Page<model.Item>}), declared exceptions and channel interfaces (by binary name). Each gets its Java
 * simple name ({@code Page_Item} for a type with arguments) when that is unique; symbols whose names clash, with
 * each other or with a name the file itself needs ({@code Promise}, {@code Peer}, ...), are qualified with their
 * package ({@code com_example_Note}), then with everything ({@code model_Page_a_Item}), then numbered. Channel
 * interfaces are named first, then exceptions, then data types: a data type named like an interface's handler type
 * moves, the interface keeps its name. The result depends only on the set of symbols, never on their order.
 */
final class TypeScriptNames {

    /** What a symbol is; a channel interface also takes {@code <Name>Handler}. */
    enum Kind { TYPE, ERROR, INTERFACE }

    /**
     * Names the generated file uses or declares itself, and TypeScript's reserved type names, which a symbol must not
     * shadow.
     */
    static final Set<String> RESERVED = Set.of(
            // what the file uses from the language and the client
            "Array", "Promise", "Record", "Error", "TypeError", "Object", "String", "Number", "Boolean", "Symbol",
            "ReadonlyArray", "DeclaredError", "DeclaredErrorClass", "CallOptions", "Connection", "IpcEvent", "Json",
            "Peer", "Registration",
            // what the file declares
            "declaredErrors", "argumentsOf", "registerAll", "withDeadline",
            // type names TypeScript reserves
            "any", "unknown", "number", "bigint", "boolean", "string", "symbol", "void", "object", "never",
            "undefined", "null", "true", "false", "this", "typeof", "keyof", "infer", "readonly", "unique",
            "asserts", "is", "satisfies", "type", "interface", "enum", "class", "const", "let", "var", "function",
            "delete", "in", "instanceof", "new", "return", "super", "switch", "throw", "try", "catch", "finally",
            "with", "yield", "await", "export", "import", "extends", "implements", "package", "private",
            "protected", "public", "static", "default", "do", "else", "for", "if", "while", "break", "continue",
            "case", "debugger", "arguments", "eval", "declare", "namespace", "module", "abstract", "as", "from",
            "of", "global", "require");

    private record Symbol(Kind kind, String javaName) {}

    /** The last level of qualification: numbered by the symbol's place in the sorted order, so always unique. */
    private static final int LAST_LEVEL = 3;

    private final Map<Symbol, String> names = new HashMap<>();

    /**
     * @param types      manifest keys of the data types
     * @param errors     binary names of the declared exceptions
     * @param interfaces binary names of the channel interfaces
     */
    TypeScriptNames(Set<String> types, Set<String> errors, Set<String> interfaces) {
        Map<Symbol, Integer> ordinal = new HashMap<>();
        for (Kind kind : Kind.values()) {
            Set<String> javaNames = kind == Kind.TYPE ? types : kind == Kind.ERROR ? errors : interfaces;
            new TreeSet<>(javaNames).forEach(name -> ordinal.put(new Symbol(kind, name), ordinal.size()));
        }
        // Interfaces are the API a reader looks for first, so they are named first; a later symbol that wants a
        // name already given moves alone, symbols of one kind that want one name move together.
        Set<String> taken = new HashSet<>(RESERVED);
        for (Kind kind : List.of(Kind.INTERFACE, Kind.ERROR, Kind.TYPE)) {
            Map<Symbol, Integer> level = new TreeMap<>((a, b) -> a.javaName().compareTo(b.javaName()));
            ordinal.keySet().stream().filter(symbol -> symbol.kind() == kind).forEach(symbol -> level.put(symbol, 0));
            name(level, ordinal, taken);
        }
    }

    /** Names the symbols of one kind: raises the level of every symbol in a clash until there is none. */
    private void name(Map<Symbol, Integer> level, Map<Symbol, Integer> ordinal, Set<String> taken) {
        while (true) {
            Map<String, List<Symbol>> claims = new LinkedHashMap<>();
            level.forEach((symbol, l) -> {
                for (String name : claimed(symbol, candidate(symbol, l, ordinal.get(symbol)))) {
                    claims.computeIfAbsent(name, n -> new ArrayList<>()).add(symbol);
                }
            });
            boolean clash = false;
            boolean moved = false;
            for (Map.Entry<String, List<Symbol>> claim : claims.entrySet()) {
                if (claim.getValue().size() > 1 || taken.contains(claim.getKey())) {
                    for (Symbol symbol : claim.getValue()) {
                        moved |= level.get(symbol) < LAST_LEVEL;
                        level.merge(symbol, 1, (a, b) -> Math.min(a + b, LAST_LEVEL));
                    }
                    clash = true;
                }
            }
            if (clash && !moved) {
                throw new IllegalStateException("cannot name " + claims.keySet() + " apart"); // numbered names differ
            }
            if (!clash) {
                level.forEach((symbol, l) -> names.put(symbol, candidate(symbol, l, ordinal.get(symbol))));
                taken.addAll(claims.keySet());
                return;
            }
        }
    }

    /** The names a symbol takes under its name {@code name}. */
    private static List<String> claimed(Symbol symbol, String name) {
        return symbol.kind() == Kind.INTERFACE ? List.of(name, name + "Handler") : List.of(name);
    }

    /**
     * The symbol's name at a level of qualification: simple, package-qualified, fully spelled out, and last numbered
     * ({@code _3_a_b_C}: distinct for distinct ordinals, and of a form no lower level produces with a clash left).
     */
    private static String candidate(Symbol symbol, int level, int ordinal) {
        String name = symbol.javaName();
        switch (level) {
            case 0:
                return simple(name);
            case 1:
                return identifier(packageOf(rawOf(name))) + "_" + simple(name);
            case 2:
                return identifier(name);
            default:
                return "_" + ordinal + "_" + identifier(name);
        }
    }

    /** The TypeScript name of a data type (a manifest key). */
    String type(String key) {
        return lookup(Kind.TYPE, key);
    }

    /** The TypeScript class name of a declared exception. */
    String error(String binaryName) {
        return lookup(Kind.ERROR, binaryName);
    }

    /** The TypeScript name of a channel interface (its handler type adds {@code Handler}). */
    String channelInterface(String binaryName) {
        return lookup(Kind.INTERFACE, binaryName);
    }

    private String lookup(Kind kind, String javaName) {
        String name = names.get(new Symbol(kind, javaName));
        if (name == null) {
            throw new IllegalArgumentException("no TypeScript name was chosen for " + javaName);
        }
        return name;
    }

    /**
     * The simple form of a Java name: the last segment of a qualified or binary name, and each type argument's
     * simple form after it: {@code model.Page<java.util.List<model.Item>>} is {@code Page_List_Item}.
     */
    static String simple(String javaName) {
        String raw = rawOf(javaName);
        String simple = raw.substring(Math.max(raw.lastIndexOf('.'), raw.lastIndexOf('$')) + 1);
        StringBuilder name = new StringBuilder(identifier(simple));
        for (String argument : arguments(javaName)) {
            name.append('_').append(simple(argument));
        }
        return name.toString();
    }

    private static String rawOf(String javaName) {
        int angle = javaName.indexOf('<');
        return (angle < 0 ? javaName : javaName.substring(0, angle)).trim();
    }

    private static String packageOf(String raw) {
        int dot = raw.lastIndexOf('.');
        String owner = dot < 0 ? "" : raw.substring(0, dot);
        int dollar = raw.lastIndexOf('$');
        if (dollar > dot) {
            owner = raw.substring(0, dollar);
        }
        return owner.isEmpty() ? "default" : owner;
    }

    /** The top-level type arguments of {@code a.B<c.D, e.F<g.H>>}: {@code c.D} and {@code e.F<g.H>}. */
    private static List<String> arguments(String javaName) {
        List<String> arguments = new ArrayList<>();
        int angle = javaName.indexOf('<');
        if (angle < 0) {
            return arguments;
        }
        int depth = 0;
        int start = angle + 1;
        for (int i = angle + 1; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if ((c == ',' && depth == 0) || (c == '>' && depth == 0)) {
                String argument = javaName.substring(start, i).trim();
                if (!argument.isEmpty()) {
                    arguments.add(argument.replace("? extends ", "").replace("? super ", "").replace("[]", "Array"));
                }
                start = i + 1;
                if (c == '>') {
                    break;
                }
            }
        }
        return arguments;
    }

    /** {@code text} as a TypeScript identifier: every run of characters that cannot be in one becomes {@code _}. */
    static String identifier(String text) {
        StringBuilder out = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c) || c == '_') {
                if (gap && out.length() > 0) {
                    out.append('_');
                }
                gap = false;
                out.appendCodePoint(c);
            } else {
                gap = true;
            }
        }
        if (out.length() == 0 || Character.isDigit(out.codePointAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }
}
