package io.iptscope.discover;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * Where iptables binaries are taken from: the PATH of the inspecting process (on the host the
 * runner runs on), or directories the user names, e.g. a container image's {@code /usr/sbin}.
 */
public sealed interface BinarySource {

    /** The directories searched, in order, as a shell would search PATH. */
    List<String> directories(CommandRunner runner);

    String describe();

    String kind();

    /** The mount namespace the binaries live in and must run in; null for the runner's own. */
    default String mountNamespace() {
        return null;
    }

    record ProcessPath() implements BinarySource {
        @Override
        public List<String> directories(CommandRunner runner) {
            java.util.Optional<String> known = runner.knownPath();
            if (known.isPresent()) {
                return split(known.get());
            }
            CommandResult r = runner.run(Command.of("printenv", "PATH"));
            return r.ok() ? split(r.stdoutText().strip()) : List.of("/usr/local/sbin", "/usr/local/bin",
                    "/usr/sbin", "/usr/bin", "/sbin", "/bin");
        }

        @Override
        public String describe() {
            return "PATH";
        }

        @Override
        public String kind() {
            return "path";
        }
    }

    record Dirs(List<String> dirs) implements BinarySource {
        public Dirs {
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException("a binary source needs at least one directory");
            }
            for (String d : dirs) {
                if (d.chars().anyMatch(Character::isISOControl)) {
                    // A TAB or newline would otherwise show up as every binary "missing".
                    throw new IllegalArgumentException("binary directory '" + d.replace("\t", "\\t")
                            .replace("\n", "\\n") + "' contains a control character (a TAB or a newline?); "
                            + "separate directories with ':'");
                }
                if (!d.startsWith("/") || d.contains("/../")) {
                    throw new IllegalArgumentException("binary directory must be an absolute path: '" + d + "'");
                }
            }
            dirs = List.copyOf(dirs);
        }

        @Override
        public List<String> directories(CommandRunner runner) {
            return dirs;
        }

        @Override
        public String describe() {
            return String.join(":", dirs);
        }

        @Override
        public String kind() {
            return "dirs";
        }
    }

    /**
     * A running container: its binaries, libraries and PATH, entered with {@code nsenter --mount}, so its
     * own iptables version is what runs, against whatever netns is chosen.
     */
    record Container(long pid, String name) implements BinarySource {
        static final List<String> DEFAULT_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
                "/sbin", "/bin");

        public Container {
            if (pid <= 0) {
                throw new IllegalArgumentException("invalid container pid " + pid);
            }
        }

        @Override
        public List<String> directories(CommandRunner runner) {
            CommandResult r = runner.run(Command.of("cat", "/proc/" + pid + "/environ"));
            if (!r.ok() && r.stderrText().contains("No such file")) {
                // Otherwise nsenter fails on every command and the report reads as "binaries missing".
                throw new IllegalArgumentException("container:" + pid + ": there is no process " + pid + " on "
                        + runner.host() + " (" + r.summary() + ")");
            }
            if (r.ok()) {
                for (String var : r.stdoutText().split("\0")) {
                    if (var.startsWith("PATH=")) {
                        return split(var.substring("PATH=".length()));
                    }
                }
            }
            return DEFAULT_DIRS;
        }

        @Override
        public String mountNamespace() {
            return "/proc/" + pid + "/ns/mnt";
        }

        @Override
        public String describe() {
            return "container:" + pid + (name == null ? "" : " (" + name + ")");
        }

        @Override
        public String kind() {
            return "container";
        }
    }

    static List<String> split(String pathList) {
        List<String> out = new ArrayList<>();
        for (String d : pathList.split(":")) {
            if (!d.isEmpty() && !out.contains(d)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** {@code PATH} (or empty) for the process PATH, {@code container:PID}, else a colon-separated list of directories. */
    static BinarySource parse(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("PATH")) {
            return new ProcessPath();
        }
        if (spec.startsWith("container:")) {
            try {
                return new Container(Long.parseLong(spec.substring("container:".length())), null);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid container pid in '" + spec + "'");
            }
        }
        return new Dirs(split(spec));
    }
}
