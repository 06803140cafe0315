package io.iptscope.discover;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dotted version such as iptables' {@code 1.8.9}, comparable numerically. */
public record Version(int major, int minor, int patch) implements Comparable<Version> {

    private static final Pattern IN_TEXT = Pattern.compile("v(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public static Version of(int major, int minor, int patch) {
        return new Version(major, minor, patch);
    }

    /** Parses "1.8.9". */
    public static Optional<Version> parse(String text) {
        return find("v" + text);
    }

    /** Finds the first "vX.Y[.Z]" in a tool's --version output, as Istio's and Kubernetes' regexes do. */
    public static Optional<Version> find(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean atLeast(int maj, int min, int pat) {
        return compareTo(new Version(maj, min, pat)) >= 0;
    }

    public boolean between(Version lowInclusive, Version highInclusive) {
        return compareTo(lowInclusive) >= 0 && compareTo(highInclusive) <= 0;
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
