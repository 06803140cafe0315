package io.iptscope.ui.restore;

/** Where a restore in the dialog stands. */
public enum RestorePhase {
    /** Choosing what to restore. */
    CHOOSE,
    /** Tested with --test and previewed; nothing changed yet. */
    PREPARED,
    /** Applied with the dead-man's switch armed: confirm before the deadline or it rolls back. */
    ARMED,
    /** Confirmed, rolled back or applied without a switch: nothing is pending. */
    DONE
}
