package io.iptscope.iptables;

import io.iptscope.exec.CommandResult;

/** An iptables command failed in a way the operation cannot absorb. */
public final class IptablesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient CommandResult result;

    public IptablesException(String message, CommandResult result) {
        super(message + (result == null ? "" : ": " + result.summary()));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
