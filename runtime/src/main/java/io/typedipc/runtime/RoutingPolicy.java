package io.typedipc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which renderer may message which other renderer through main ({@link IpcRenderer#peer}, a renderer's broadcasts).
 * By default every renderer may reach every other; an application with renderers it does not fully trust says
 * exactly which routes exist, as Electron's security checklist asks of IPC exposed to untrusted content.
 *
 * <pre>{@code
 * main.setRoutingPolicy(RoutingPolicy.builder()
 *         .allow("inspector", "assets", "panel:selection")   // the inspector may ask the assets panel this, only
 *         .allow("*", "inspector", "inspector:*")             // anyone may use the inspector's own channels
 *         .build());
 * }</pre>
 *
 * <p>A policy is rules, not code: main checks routes on the link's thread, where no user code runs. A routed request
 * the policy refuses is answered with {@link NoSuchRendererException} (-32002), as if the target did not exist, and
 * logged; a refused one-way message, or a broadcast's refused target, is dropped and logged. Messages between a
 * renderer and main itself are not routed and are not subject to the policy.
 */
public final class RoutingPolicy {

    /** Every renderer may reach every other: the default. */
    public static final RoutingPolicy ALLOW_ALL = new RoutingPolicy(List.of(new Rule("*", "*", "*")));

    /** No renderer may reach another; renderers talk to main only. */
    public static final RoutingPolicy DENY_ALL = new RoutingPolicy(List.of());

    private final List<Rule> rules;

    private RoutingPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A policy that allows nothing but the routes added to it. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the renderer named {@code from} may send {@code channel} to the renderer named {@code to}. */
    public boolean allows(String from, String to, String channel) {
        for (Rule rule : rules) {
            if (rule.matches(from, to, channel)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RoutingPolicy" + rules;
    }

    /** One allowed route: renderer names, or {@code *}; a channel id, a package ({@code "pkg:*"}), or {@code *}. */
    private record Rule(String from, String to, String channel) {
        boolean matches(String fromName, String toName, String channelId) {
            return name(from, fromName) && name(to, toName) && channel(channelId);
        }

        private static boolean name(String pattern, String name) {
            return pattern.equals("*") || pattern.equals(name);
        }

        private boolean channel(String channelId) {
            if (channel.equals("*")) {
                return true;
            }
            if (channel.endsWith(":*")) {
                return channelId.startsWith(channel.substring(0, channel.length() - 1));
            }
            return channel.equals(channelId);
        }

        @Override
        public String toString() {
            return from + " -> " + to + " " + channel;
        }
    }

    /** Collects allowed routes; everything else is refused. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {}

        /**
         * Allows the renderer named {@code from} to send {@code channel} to the renderer named {@code to}.
         *
         * @param from a renderer name, or {@code "*"} for any
         * @param to a renderer name, or {@code "*"} for any
         * @param channel a channel id ({@code "panel:selection"}), every channel of a package ({@code "panel:*"}), or
         *     {@code "*"}
         */
        public Builder allow(String from, String to, String channel) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(channel, "channel");
            if (from.isEmpty() || to.isEmpty() || channel.isEmpty()) {
                throw new IllegalArgumentException("renderer names and channels cannot be empty; use \"*\" for any");
            }
            if (channel.indexOf('*') >= 0 && !channel.equals("*") && !(channel.endsWith(":*") && channel.indexOf('*') == channel.length() - 1)) {
                throw new IllegalArgumentException("a channel pattern is an id, \"pkg:*\" or \"*\", not " + channel);
            }
            rules.add(new Rule(from, to, channel));
            return this;
        }

        public RoutingPolicy build() {
            return new RoutingPolicy(rules);
        }
    }
}
