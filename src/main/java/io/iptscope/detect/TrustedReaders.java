package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import java.util.ArrayList;
import java.util.List;

/**
 * The binaries that read what a netns holds: the host's own (as {@code contexts} does), never a binary source's
 * that may be blind to a backend. A directory source on the same host fills only the names the host lacks (it
 * runs in the same mount namespace); a container's binaries never read for the host.
 */
final class TrustedReaders {

    private TrustedReaders() {
    }

    static BinaryInventory of(BinaryInventory host, BinaryInventory source) {
        if (source.mountNamespace() != null) {
            return host;
        }
        List<BinaryInfo> merged = new ArrayList<>();
        boolean filled = false;
        for (BinaryInfo h : host.binaries()) {
            BinaryInfo s = source.binaries().stream().filter(b -> b.name().equals(h.name())).findFirst().orElse(h);
            boolean fill = !h.found() && s.found();
            filled |= fill;
            merged.add(fill ? s : h);
        }
        if (!filled) {
            return host;
        }
        List<String> dirs = new ArrayList<>(host.directories());
        source.directories().stream().filter(d -> !dirs.contains(d)).forEach(dirs::add);
        return new BinaryInventory(host.source() + " + " + source.source(), dirs, merged, host.alternatives(), null);
    }
}
