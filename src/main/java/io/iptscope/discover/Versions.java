package io.iptscope.discover;

import io.iptscope.exec.CommandResult;
import java.util.List;
import java.util.Optional;

/** What a binary's {@code --version} output says: its version and the backend mode it runs in. */
public final class Versions {

    private Versions() {
    }

    /** The binary as found, with what its {@code --version} (run by {@code io.iptscope.iptables.Discovery}) said. */
    public static BinaryInfo withVersion(Tool tool, String path, List<String> chain, String resolved, CommandResult r) {
        String out = r.stdoutText().strip();
        String firstLine = out.isEmpty() ? null : out.lines().findFirst().orElse(null);
        String err = r.stderrText();
        // iptables-save up to 1.6.1 exits 0 on an unknown option, so the exit code alone proves nothing.
        boolean rejected = !r.ok() || err.contains("unrecognized option") || err.contains("invalid option");
        Optional<Version> version = rejected ? Optional.empty() : Version.find(out);
        String note = null;
        if (r.timedOut()) {
            note = "--version timed out";
        } else if (rejected) {
            note = tool.kind() == ToolKind.SAVE
                    ? "rejects --version (iptables-save before 1.6.2 takes no options); mode taken from its name"
                    : "--version failed: " + r.summary();
        } else if (version.isEmpty()) {
            note = "no version in --version output";
        }
        Mode mode = modeOf(tool, rejected ? "" : out, version.isPresent());
        return new BinaryInfo(tool.name(), tool.family(), tool.variant(), tool.kind(), path, chain, resolved,
                version.map(Version::toString).orElse(null), mode, firstLine, note);
    }

    public static Mode modeOf(Tool tool, String versionOutput, boolean hasVersion) {
        if (tool.equals(Tool.NFT) || versionOutput.contains("nf_tables")) {
            return Mode.NF_TABLES;
        }
        if (versionOutput.contains("(legacy)")) {
            return Mode.LEGACY;
        }
        if (tool.variant() == Variant.LEGACY) {
            return Mode.LEGACY;
        }
        if (tool.variant() == Variant.NFT) {
            return Mode.NF_TABLES;
        }
        // iptables before 1.8 printed no mode and had no nf_tables backend at all.
        return hasVersion && tool.isIptables() ? Mode.LEGACY : Mode.UNKNOWN;
    }
}
