package io.iptscope.iptables;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.exec.CommandResult;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/**
 * One read of a backend and family ({@link Endpoint#read}).
 *
 * @param save   the save binary, null when the binary source has none
 * @param legacy what the names file said (legacy only, else null)
 * @param result the save's result; null when it was not run (no binary, or no legacy table to read)
 */
public record Read(Backend backend, Family family, BinaryInfo save, LegacyTables legacy, CommandResult result) {

    /** No legacy table exists, so there is nothing to read: the rules are empty, not unknown. */
    public boolean noLegacyTables() {
        return legacy != null && (legacy.status() == LegacyTables.Status.EMPTY
                || legacy.status() == LegacyTables.Status.NO_FILE);
    }

    public boolean ok() {
        return result != null && result.ok();
    }
}
