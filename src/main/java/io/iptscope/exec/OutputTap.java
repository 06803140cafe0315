package io.iptscope.exec;

/**
 * Sees a command's stdout as it arrives, chunk by chunk, on the runner's reader thread, while the result still
 * gets all of it: a big read is parsed while it runs. A runner that cannot stream calls it not at all, so a tap's
 * owner completes from {@link CommandResult#stdout()} what its tap did not see. A tap must not throw.
 */
@FunctionalInterface
public interface OutputTap {

    /** The next {@code length} bytes of stdout; the array is reused after the call. */
    void accept(byte[] data, int offset, int length);
}
