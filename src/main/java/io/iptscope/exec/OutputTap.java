package io.iptscope.exec;

/**
 * Sees a command's stdout as it arrives, chunk by chunk, on the runner's reader thread: a big read is parsed while
 * it runs. A runner that streams hands the tap all of stdout and keeps none of it (the tap's owner keeps what it
 * needs, so a 15 MB save is not held twice): the result's {@link CommandResult#stdout()} is then empty and its
 * {@link CommandResult#stdoutLength()} counts what the tap saw. A runner that cannot stream calls it not at all and
 * returns all of stdout, so a tap's owner completes from the result what its tap did not see. A tap must not throw.
 */
@FunctionalInterface
public interface OutputTap {

    /** The next {@code length} bytes of stdout; the array is reused after the call. */
    void accept(byte[] data, int offset, int length);
}
