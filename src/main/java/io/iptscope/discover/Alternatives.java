package io.iptscope.discover;

import java.util.ArrayList;
import java.util.List;

/** The distro's alternatives selection for one name, as {@code update-alternatives --query} prints it. */
public record Alternatives(String name, String link, String status, String best, String value,
                           List<String> choices) {

    public Alternatives {
        choices = List.copyOf(choices);
    }

    /** Parses the RFC822-like output of {@code update-alternatives --query NAME}; null when it has no Name. */
    public static Alternatives parseQuery(String output) {
        String name = null;
        String link = null;
        String status = null;
        String best = null;
        String value = null;
        List<String> choices = new ArrayList<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith(" ")) {
                continue;
            }
            String key = line.substring(0, colon);
            String v = line.substring(colon + 1).strip();
            switch (key) {
                case "Name" -> name = v;
                case "Link" -> link = v;
                case "Status" -> status = v;
                case "Best" -> best = v;
                case "Value" -> value = v;
                case "Alternative" -> choices.add(v);
                default -> {
                    // Priority, slaves and the like are not needed to tell which backend is selected.
                }
            }
        }
        return name == null ? null : new Alternatives(name, link, status, best, value, choices);
    }
}
