package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a blocking native base chain does with the traffic from ({@code iifname}) or to ({@code oifname}) one
 * interface its rules name, when nothing else about the packet singles it out: firewalld's forward chain accepts
 * docker0 in Docker's zone before its catch-all reject.
 *
 * @param name  the interface, or null for every interface the table's rules do not name
 * @param chain the chain whose rule decided ({@code filter_FWD_docker}), or the base chain when its policy did
 */
public record InterfaceVerdict(Direction match, String name, Outcome verdict, String chain) {

    /** The interface match that names it. */
    public enum Direction {
        IIFNAME("iifname"),
        OIFNAME("oifname");

        private final String id;

        Direction(String id) {
            this.id = id;
        }

        /** Forwarded and incoming traffic is the writer's by the interface it enters on, outgoing by the one it leaves. */
        static Direction onHook(String hook) {
            return hook.equals("output") || hook.equals("postrouting") ? OIFNAME : IIFNAME;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    /** {@code unknown}: a rule for the interface could not be followed (a named set, a verdict map, a queue). */
    public enum Outcome {
        ACCEPT("accept"),
        DROP("drop"),
        REJECT("reject"),
        UNKNOWN("unknown");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    /** In words: {@code iifname "docker0" accept in filter_FWD_docker}, {@code iifname (any other) reject in ...}. */
    public String describe() {
        return match.id() + (name == null ? " (any other)" : " \"" + name + "\"") + " " + verdict.id() + " in " + chain;
    }
}
