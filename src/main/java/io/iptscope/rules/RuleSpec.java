package io.iptscope.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structured reading of one rule line. Options iptables would route to an extension are kept with
 * the last {@code -m} module (or the target) before them, in their order; anything not recognised is kept
 * in {@link #otherOptions()}, never dropped.
 *
 * @param chain        the chain the command names; null for table-wide commands such as a bare {@code -F}
 * @param commandArgs  further plain arguments of the command: the rule number of {@code -I C 3}, the policy of
 *                     {@code -P C DROP}, the new name of {@code -E}
 * @param protocol     {@code -p}, or null; likewise source, destination, interfaces
 * @param fragment     {@code -f} (with an empty value), or null
 * @param target       {@code -j}/{@code -g}, or null for a rule that only counts
 * @param otherOptions options outside any module or target, e.g. {@code -c 1 2} or a {@code --dport} that relies
 *                     on {@code -p tcp} loading the tcp match implicitly
 */
public record RuleSpec(Command command, String chain, List<String> commandArgs, Param protocol, Param source,
                       Param destination, Param inInterface, Param outInterface, Param fragment,
                       List<Match> matches, Target target, List<Option> otherOptions) {

    public RuleSpec {
        commandArgs = List.copyOf(commandArgs);
        matches = List.copyOf(matches);
        otherOptions = List.copyOf(otherOptions);
    }

    /** The {@code --comment} of the first comment match, or null. */
    public String comment() {
        for (Match m : matches) {
            if (m.module().equals("comment")) {
                Optional<Option> c = m.option("--comment");
                if (c.isPresent()) {
                    return c.get().value();
                }
            }
        }
        return null;
    }

    public Optional<Match> match(String module) {
        for (Match m : matches) {
            if (m.module().equals(module)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Reads the arguments of a rule line. Total: any argument list gives a spec. */
    static RuleSpec of(Tokenizer.Tokens t) {
        return new Reader(t).read();
    }

    private static final class Reader {
        private final Tokenizer.Tokens t;
        private final int n;
        private int i;
        private Command command = Command.NONE;
        private String chain;
        private final List<String> commandArgs = new ArrayList<>(2);
        private Param protocol;
        private Param source;
        private Param destination;
        private Param in;
        private Param out;
        private Param fragment;
        private final List<Match> matches = new ArrayList<>(4);
        private String module;
        private List<Option> moduleOptions;
        private Target.Kind targetKind;
        private String targetName;
        private List<Option> targetOptions;
        private final List<Option> other = new ArrayList<>(0);

        Reader(Tokenizer.Tokens t) {
            this.t = t;
            this.n = t.size();
        }

        RuleSpec read() {
            boolean negate = false;
            while (i < n) {
                String a = t.get(i);
                if (!t.quoted(i) && a.equals("!")) {
                    negate = true;
                    i++;
                    continue;
                }
                if (!isOption(i)) {
                    // A stray value: keep it where an option would have gone.
                    attach(new Option("", List.of(a), Option.Negation.NONE));
                    i++;
                    negate = false;
                    continue;
                }
                i++;
                readOption(a, negate);
                negate = false;
            }
            if (negate) {
                attach(new Option("!", List.of(), Option.Negation.NONE));
            }
            closeModule();
            Target target = targetName == null ? null : new Target(targetKind, targetName, targetOptions);
            return new RuleSpec(command, chain, commandArgs, protocol, source, destination, in, out, fragment,
                    matches, target, other);
        }

        private void readOption(String a, boolean negate) {
            Command c = Command.ofOption(a);
            if (c != null && command == Command.NONE) {
                command = c;
                if (i < n && !isOption(i) && !isBang(i)) {
                    chain = t.get(i++);
                }
                while (i < n && !isOption(i) && !isBang(i)) {
                    commandArgs.add(t.get(i++));
                }
                return;
            }
            switch (a) {
                case "-p", "--protocol" -> protocol = param(negate);
                case "-s", "--source", "--src" -> source = param(negate);
                case "-d", "--destination", "--dst" -> destination = param(negate);
                case "-i", "--in-interface" -> in = param(negate);
                case "-o", "--out-interface" -> out = param(negate);
                case "-f", "--fragment" -> fragment = new Param("", negate);
                case "-m", "--match" -> {
                    closeModule();
                    module = i < n ? t.get(i++) : "";
                    moduleOptions = new ArrayList<>(2);
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    closeModule();
                    targetKind = a.equals("-g") || a.equals("--goto") ? Target.Kind.GOTO : Target.Kind.JUMP;
                    targetName = i < n ? t.get(i++) : "";
                    targetOptions = new ArrayList<>(2);
                }
                default -> attach(option(a, negate));
            }
        }

        /** A basic match value; accepts the old {@code -s ! x} form too. */
        private Param param(boolean negate) {
            if (i + 1 < n && isBang(i)) {
                i++;
                negate = true;
            }
            return new Param(i < n ? t.get(i++) : "", negate);
        }

        private Option option(String name, boolean negate) {
            Option.Negation neg = negate ? Option.Negation.BEFORE_OPTION : Option.Negation.NONE;
            if (!negate && i + 1 < n && isBang(i) && !isOption(i + 1) && !isBang(i + 1)) {
                neg = Option.Negation.AFTER_OPTION;
                i++;
            }
            List<String> values = new ArrayList<>(1);
            while (i < n && !isOption(i) && !isBang(i)) {
                values.add(t.get(i++));
            }
            return new Option(name, values, neg);
        }

        private void attach(Option o) {
            if (targetOptions != null) {
                targetOptions.add(o);
            } else if (moduleOptions != null) {
                moduleOptions.add(o);
            } else {
                other.add(o);
            }
        }

        private void closeModule() {
            if (module != null) {
                matches.add(new Match(module, moduleOptions));
                module = null;
                moduleOptions = null;
            }
        }

        private boolean isBang(int k) {
            return !t.quoted(k) && t.get(k).equals("!");
        }

        /** An unquoted {@code -x} or {@code --xyz}; {@code -5} is a negative number, not an option. */
        private boolean isOption(int k) {
            if (t.quoted(k)) {
                return false;
            }
            String a = t.get(k);
            if (a.length() < 2 || a.charAt(0) != '-') {
                return false;
            }
            char c = a.charAt(1);
            return c < '0' || c > '9';
        }
    }
}
