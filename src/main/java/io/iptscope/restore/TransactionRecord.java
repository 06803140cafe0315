package io.iptscope.restore;

/**
 * What a later command (a new process, a new SSH connection) needs to confirm or roll back a restore:
 * kept on the operator's side next to the snapshots. Holds no secret.
 *
 * @param stateDir  the transaction's directory on the target machine
 * @param mechanism {@code setsid} or {@code systemd-run}
 * @param deadline  when the rollback runs unless confirmed (ISO-8601)
 */
public record TransactionRecord(String id, String host, String netns, String stateDir, String mechanism,
                                String deadline, java.util.List<String> backups) {

    public TransactionRecord {
        backups = java.util.List.copyOf(backups);
    }
}
