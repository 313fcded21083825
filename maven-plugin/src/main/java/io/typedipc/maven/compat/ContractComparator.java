package io.typedipc.maven.compat;

import io.typedipc.maven.compat.Finding.Severity;
import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.ChannelCatalog.Declared;
import io.typedipc.maven.manifest.ChannelEntry;
import io.typedipc.maven.manifest.ChannelEntry.Kind;
import io.typedipc.maven.manifest.ChannelEntry.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a baseline's channels with the current ones, channel by channel (matched by id, the only thing that
 * travels), and classifies every difference by what the runtime does when a peer built against one version meets a
 * peer built against the other, in both directions. The classification and the tests that prove it are in
 * docs/maven-plugin.md ("What breaking means"). Data types are compared by {@link ShapeComparator}.
 */
public final class ContractComparator {

    static final String ARGUMENTS_FAIL = "the receiver takes exactly its own parameters by position: a request fails"
            + " with -32602 (invalid params), a one-way message is dropped (the receiver logs a warning)";

    public Comparison compare(ChannelCatalog baseline, ChannelCatalog current) {
        List<Finding> findings = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        for (Declared old : baseline.channels()) {
            Declared now = current.channel(old.id());
            if (now == null) {
                findings.add(new Finding(old.id(), "channel removed (was " + old.manifest().interfaceName() + "."
                        + old.channel().method() + ")", Severity.BREAKING,
                        "an old sender's message finds no receiver: a request fails with NoSuchChannelException"
                                + " (-32601), a one-way message is dropped"));
            } else if (old == baseline.channel(old.id())) {
                new ChannelComparison(old, now, findings, notes).run();
            }
        }
        for (Declared now : current.channels()) {
            if (baseline.channel(now.id()) == null && now == current.channel(now.id())) {
                findings.add(new Finding(now.id(), "channel added", Severity.COMPATIBLE,
                        "old peers never send it; a new sender's request to an old receiver fails with"
                                + " NoSuchChannelException (-32601), as for any channel a receiver does not serve"));
            }
        }
        return new Comparison(findings, new ArrayList<>(notes));
    }

    /** One channel in both versions. */
    private static final class ChannelComparison {
        private final Declared old;
        private final Declared now;
        private final List<Finding> findings;
        private final ShapeComparator shapes;

        ChannelComparison(Declared old, Declared now, List<Finding> findings, Set<String> notes) {
            this.old = old;
            this.now = now;
            this.findings = findings;
            this.shapes = new ShapeComparator(old, now, findings, notes);
        }

        void run() {
            String id = old.id();
            ChannelEntry a = old.channel();
            ChannelEntry b = now.channel();
            if (!old.manifest().interfaceName().equals(now.manifest().interfaceName())) {
                findings.add(new Finding(id, "declared by " + now.manifest().interfaceName() + " instead of "
                        + old.manifest().interfaceName(), Severity.COMPATIBLE,
                        "only the channel id travels; the interface's name and package do not"));
            }
            boolean kindsMatch = kind(a.kind(), b.kind());
            parameters(a.parameters(), b.parameters());
            if (kindsMatch && a.kind().isRequest()) {
                shapes.compare("result", a.result(), a.resultSchema(), b.result(), b.resultSchema());
                errors(a.errors(), b.errors());
                if (a.deadlineMillis() != b.deadlineMillis()) {
                    findings.add(new Finding(id, "deadline changed from " + deadline(a.deadlineMillis()) + " to "
                            + deadline(b.deadlineMillis()), Severity.COMPATIBLE,
                            "a deadline is the caller's own wait: each sender applies the one it was built with,"
                                    + " and nothing about it travels"));
                }
            }
        }

        /** Whether the replies can be compared (both requests or both one-way). */
        private boolean kind(Kind a, Kind b) {
            if (a == b) {
                return true;
            }
            if (a.isRequest() && b.isRequest()) {
                findings.add(new Finding(old.id(), "changed from " + a + " to " + b, Severity.COMPATIBLE,
                        "blocking and asynchronous requests are the same request on the wire"));
                return true;
            }
            String why = a.isRequest()
                    ? "an old sender's request reaches the new one-way listener, which runs, but the caller fails"
                            + " with RemoteException (no listener set a return value); a new sender's one-way"
                            + " message to an old receiver is dropped"
                    : "an old sender's one-way message to the new receiver is dropped;"
                            + " a new sender's request reaches the old one-way listener, which runs, but the caller"
                            + " fails with RemoteException (no listener set a return value)";
            findings.add(new Finding(old.id(), "changed from " + (a.isRequest() ? "a request" : "one-way") + " to "
                    + (b.isRequest() ? "a request" : "one-way"), Severity.BREAKING, why));
            return false;
        }

        private void parameters(List<Parameter> a, List<Parameter> b) {
            List<String> oldNames = a.stream().map(Parameter::name).toList();
            List<String> newNames = b.stream().map(Parameter::name).toList();
            if (a.size() != b.size()) {
                for (String name : newNames) {
                    if (!oldNames.contains(name)) {
                        findings.add(new Finding(old.id(), "parameter \"" + name + "\" added", Severity.BREAKING,
                                ARGUMENTS_FAIL));
                    }
                }
                for (String name : oldNames) {
                    if (!newNames.contains(name)) {
                        findings.add(new Finding(old.id(), "parameter \"" + name + "\" removed", Severity.BREAKING,
                                ARGUMENTS_FAIL));
                    }
                }
                return;
            }
            if (!oldNames.equals(newNames) && Set.copyOf(oldNames).equals(Set.copyOf(newNames))
                    && oldNames.size() == Set.copyOf(oldNames).size()) {
                findings.add(new Finding(old.id(), "parameters reordered from " + oldNames + " to " + newNames,
                        Severity.BREAKING, "arguments travel by position: values of the same type arrive in the"
                                + " wrong parameters silently; others fail with -32602 (invalid params) or are"
                                + " dropped (one-way)"));
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                Parameter p = a.get(i);
                Parameter q = b.get(i);
                if (!p.name().equals(q.name())) {
                    findings.add(new Finding(old.id(), "parameter " + (i + 1) + " renamed from \"" + p.name()
                            + "\" to \"" + q.name() + "\"", Severity.COMPATIBLE,
                            "Typed IPC senders pass arguments by position; only a JSON-RPC peer that sends params"
                                    + " by name breaks"));
                }
                shapes.compare("parameter \"" + q.name() + "\"", p.type(), p.schema(), q.type(), q.schema());
            }
        }

        private void errors(List<String> a, List<String> b) {
            for (String error : b) {
                if (!a.contains(error)) {
                    findings.add(new Finding(old.id(), "declared exception " + error + " added", Severity.BREAKING,
                            "the new receiver may throw it; an old caller, which does not declare it, gets a"
                                    + " RemoteException carrying its type name and message instead of an exception"
                                    + " it can catch"));
                }
            }
            for (String error : a) {
                if (!b.contains(error)) {
                    findings.add(new Finding(old.id(), "declared exception " + error + " removed",
                            Severity.COMPATIBLE, "the new receiver no longer throws it, so old callers never see"
                                    + " it; an old receiver that still does reaches a new caller as a"
                                    + " RemoteException carrying its type name and message"));
                }
            }
        }

        private static String deadline(long millis) {
            return millis == 0 ? "the default" : millis + " ms";
        }
    }
}
