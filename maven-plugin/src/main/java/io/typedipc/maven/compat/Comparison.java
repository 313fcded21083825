package io.typedipc.maven.compat;

import java.util.List;

/**
 * The result of comparing a baseline with the current channels.
 *
 * @param findings every difference, in the baseline's channel order, then the channels added
 * @param notes    what could not be compared and why (a format-1 manifest has no data shapes; an opaque type)
 */
public record Comparison(List<Finding> findings, List<String> notes) {

    public Comparison {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public List<Finding> breaking() {
        return findings.stream().filter(Finding::isBreaking).toList();
    }

    public boolean isBreaking() {
        return !breaking().isEmpty();
    }
}
