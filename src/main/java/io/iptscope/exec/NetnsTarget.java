package io.iptscope.exec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network namespace that commands are run in. All but {@link Current} are entered with
 * {@code nsenter --net=PATH --}; the user-given parts are validated before any command is built.
 */
public sealed interface NetnsTarget {

    /** Names {@code ip netns add} accepts and that cannot escape {@code /run/netns}. */
    Pattern NETNS_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./:@+-]*");

    /** The file to enter, absent for the current netns. */
    Optional<String> nsPath();

    /** For reports and the target picker: {@code current}, {@code netns:NAME}, {@code pid:N}, {@code path:P}. */
    String spec();

    String kind();

    default Command enter(Command command) {
        return Nsenter.wrap(null, nsPath().orElse(null), command);
    }

    record Current() implements NetnsTarget {
        @Override
        public Optional<String> nsPath() {
            return Optional.empty();
        }

        @Override
        public String spec() {
            return "current";
        }

        @Override
        public String kind() {
            return "current";
        }
    }

    record Named(String name) implements NetnsTarget {
        public Named {
            if (name == null || !NETNS_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("invalid netns name '" + name
                        + "': use letters, digits, '_', '.', '-' (as ip netns does)");
            }
        }

        @Override
        public Optional<String> nsPath() {
            return Optional.of("/run/netns/" + name);
        }

        @Override
        public String spec() {
            return "netns:" + name;
        }

        @Override
        public String kind() {
            return "named";
        }
    }

    record OfPid(long pid) implements NetnsTarget {
        public OfPid {
            if (pid <= 0) {
                throw new IllegalArgumentException("invalid pid " + pid);
            }
        }

        @Override
        public Optional<String> nsPath() {
            return Optional.of("/proc/" + pid + "/ns/net");
        }

        @Override
        public String spec() {
            return "pid:" + pid;
        }

        @Override
        public String kind() {
            return "pid";
        }
    }

    record AtPath(String path) implements NetnsTarget {
        public AtPath {
            if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
                throw new IllegalArgumentException("invalid netns path '" + path
                        + "': must be absolute, without '..', spaces or shell characters");
            }
        }

        @Override
        public Optional<String> nsPath() {
            return Optional.of(path);
        }

        @Override
        public String spec() {
            return "path:" + path;
        }

        @Override
        public String kind() {
            return "path";
        }
    }

    /** Parses what {@link #spec()} prints. */
    static NetnsTarget parse(String spec) {
        if (spec == null || spec.isEmpty() || spec.equals("current")) {
            return new Current();
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? "netns" : spec.substring(0, colon);
        String value = colon < 0 ? spec : spec.substring(colon + 1);
        return switch (kind) {
            case "netns" -> new Named(value);
            case "pid" -> new OfPid(parsePid(value));
            case "path" -> new AtPath(value);
            default -> throw new IllegalArgumentException("unknown target '" + spec
                    + "' (expected current, netns:NAME, pid:N or path:/FILE)");
        };
    }

    private static long parsePid(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid pid '" + value + "'");
        }
    }
}
