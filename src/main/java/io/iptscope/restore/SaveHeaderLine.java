package io.iptscope.restore;

import io.iptscope.rules.Backend;
import io.iptscope.rules.CommentLine;
import io.iptscope.rules.Family;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comment iptscope puts at the top of every file it saves, so that the file says where it came
 * from: {@code # iptscope save: host=local netns=netns:x backend=nft family=ipv4 tables=filter,nat counters=no time=...}.
 * iptables-restore ignores it (a {@code #} in column 1 is a comment).
 */
public record SaveHeaderLine(String host, String netns, Backend backend, Family family, List<String> tables,
                             boolean counters, String time) {

    private static final String PREFIX = "# iptscope save: ";

    public SaveHeaderLine {
        tables = List.copyOf(tables);
    }

    public String format() {
        return PREFIX + "host=" + host + " netns=" + netns + " backend=" + backend.id() + " family=" + family.id()
                + " tables=" + (tables.isEmpty() ? "all" : String.join(",", tables)) + " counters="
                + (counters ? "yes" : "no") + " time=" + time;
    }

    public static Optional<SaveHeaderLine> find(List<CommentLine> comments) {
        for (CommentLine c : comments) {
            if (c.text().startsWith(PREFIX)) {
                return parse(c.text().substring(PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<SaveHeaderLine> parse(String fields) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : fields.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try {
            String tables = kv.getOrDefault("tables", "all");
            return Optional.of(new SaveHeaderLine(kv.get("host"), kv.get("netns"), Backend.parse(kv.get("backend")),
                    Family.parse(kv.get("family")), tables.equals("all") ? List.of() : List.of(tables.split(",")),
                    "yes".equals(kv.get("counters")), kv.get("time")));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
