package io.iptscope.iptables;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.rules.RulesetDiff;
import java.time.Instant;

/**
 * One thing the watch saw, as a JSON line of {@code iptscope watch --json}.
 *
 * @param time    when the watch saw it; written as ISO-8601 UTC ({@code 2026-12-02T07:00:00.123456Z})
 * @param backend null for events about the watch itself
 * @param writer  for nft: the process that committed the change ("iptables-nft[4242]"), from nft monitor
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchEvent(Instant time, Type type, Backend backend, Family family, String table, String chain,
                         String rule, String detail, String writer) {

    /** What happened; the id is the {@code type} of the JSON line. */
    public enum Type {
        SNAPSHOT("snapshot"),
        RULE_ADDED("rule-added"),
        RULE_REMOVED("rule-removed"),
        RULE_MOVED("rule-moved"),
        RULE_CHANGED("rule-changed"),
        CHAIN_ADDED("chain-added"),
        CHAIN_REMOVED("chain-removed"),
        POLICY_CHANGED("policy-changed"),
        /** Every rule gone, or a canary gone from its table. */
        FLUSH("flush"),
        /** A canary appeared. */
        CANARY("canary"),
        COUNTERS("counters"),
        ERROR("error"),
        /** Reads fail; retried. */
        WATCH_LOST("watch-lost"),
        WATCH_RESUMED("watch-resumed"),
        /** nft monitor ended on its own; nft is polled. */
        MONITOR_ENDED("monitor-ended");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        /** A change of the rules themselves (what a reload or flush is made of), not a report about them. */
        public boolean change() {
            return switch (this) {
                case RULE_ADDED, RULE_REMOVED, RULE_MOVED, RULE_CHANGED, CHAIN_ADDED, CHAIN_REMOVED, POLICY_CHANGED ->
                        true;
                default -> false;
            };
        }

        static Type of(RulesetDiff.RuleChange.Kind kind) {
            return switch (kind) {
                case ADDED -> RULE_ADDED;
                case REMOVED -> RULE_REMOVED;
                case MOVED -> RULE_MOVED;
                case CHANGED -> RULE_CHANGED;
            };
        }
    }
}
