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

    record ProcessPath() implements BinarySource {
        @Override
        public List<String> directories(CommandRunner runner) {
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
                if (!d.startsWith("/") || d.contains("/../") || d.contains("\n")) {
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

    static List<String> split(String pathList) {
        List<String> out = new ArrayList<>();
        for (String d : pathList.split(":")) {
            if (!d.isEmpty() && !out.contains(d)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** {@code PATH} (or empty) for the process PATH, else a colon-separated list of directories. */
    static BinarySource parse(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("PATH")) {
            return new ProcessPath();
        }
        return new Dirs(split(spec));
    }
}
