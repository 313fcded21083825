package io.typedipc.maven.compat;

import java.util.Objects;

/**
 * One difference between the baseline's channels and the current ones.
 *
 * @param channel  the channel id it concerns
 * @param change   what changed, e.g. {@code parameter "count" added}
 * @param severity compatible or breaking
 * @param why      what happens at run time when peers of the two versions meet
 */
public record Finding(String channel, String change, Severity severity, String why) {

    public Finding {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(why, "why");
    }

    /** Whether peers of the baseline and of the current version still understand each other. */
    public enum Severity {
        COMPATIBLE, BREAKING
    }

    public boolean isBreaking() {
        return severity == Severity.BREAKING;
    }

    /** The line the check prints: {@code <channel>: <change>: BREAKING|COMPATIBLE: <why>}. */
    @Override
    public String toString() {
        return channel + ": " + change + ": " + severity + ": " + why;
    }
}
