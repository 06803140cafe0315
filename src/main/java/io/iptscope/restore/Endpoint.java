package io.iptscope.restore;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.Optional;

/**
 * The machine and netns whose rules are saved or restored, with the binaries to do it: every
 * command goes through {@code runner} (local or SSH) and into {@code netns}.
 */
public record Endpoint(CommandRunner runner, NetnsTarget netns, BinaryInventory binaries, Duration timeout) {

    public String host() {
        return runner.host();
    }

    public BinaryInfo save(Backend backend, Family family) throws RestoreException {
        return binaries.saveBinaryFor(backend, family).orElseThrow(() -> new RestoreException(
                family.toolPrefix() + backend.suffix() + "-save is not in the binary source"));
    }

    public BinaryInfo restore(Backend backend, Family family) throws RestoreException {
        BinaryInfo own = binaries.get(family, Variant.of(backend), ToolKind.RESTORE);
        if (own.found()) {
            return own;
        }
        BinaryInfo plain = binaries.get(family, Variant.PLAIN, ToolKind.RESTORE);
        if (plain.found() && plain.effectiveBackend().orElse(null) == backend) {
            return plain;
        }
        throw new RestoreException(family.toolPrefix() + backend.suffix() + "-restore is not in the binary source");
    }

    public Optional<BinaryInfo> nft() {
        BinaryInfo nft = binaries.get(Tool.NFT);
        return nft.found() ? Optional.of(nft) : Optional.empty();
    }

    /** Runs a command inside the netns. */
    public CommandResult inNetns(Command command) {
        return runner.run(binaries.enter(netns, command));
    }

    /** Runs a command on the machine, outside the netns (files, the rollback timer). */
    public CommandResult onHost(Command command) {
        return runner.run(command);
    }
}
