package io.iptscope.iptables;

import io.iptscope.exec.Command;

/**
 * One iptables or nft invocation prepared by {@link Endpoint}, ready to run alone or in a batch
 * ({@link Endpoint#runAll}); callers never see or build its argv.
 */
public final class Call {

    final Command command;

    Call(Command command) {
        this.command = command;
    }

    @Override
    public String toString() {
        return command.toString();
    }
}
