package io.iptscope.detect;

import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Findings about writers, leftovers and the hook pipeline: what actually blocks a packet, and what to do. */
final class NodeFindings {

    private static final int LISTED_CHAINS = 5;

    private NodeFindings() {
    }

    static void derive(Observation obs, List<Verdict> verdicts, List<Finding> out) {
        NodeView node = obs.node();
        stale(node.staleness(), out);
        for (String c : node.staleness().contradictions()) {
            out.add(new Finding("kubelet-hint-contradictory", Severity.WARNING, familyIn(c), c,
                    "hint-following detectors (iptables-wrappers v2+, Calico, Istio's CNI) pick nft because they look "
                            + "there first, whatever the other writers use",
                    "delete the hint where kubelet no longer runs: iptables-legacy -t mangle -X "
                            + Markers.KUBE_IPTABLES_HINT + " (or -nft, the backend kubelet does not use)"));
        }
        blockedHooks(node, out);
        unavailable(node, verdicts, out);
    }

    /** A backend the kernel cannot run, and the strategies that would still choose it. */
    private static void unavailable(NodeView node, List<Verdict> verdicts, List<Finding> out) {
        if (node.capabilities() == null) {
            return;
        }
        for (KernelCapabilities.Capability c : node.capabilities().capabilities()) {
            if (c.state() != KernelCapabilities.State.UNAVAILABLE) {
                continue;
            }
            List<String> choosing = verdicts.stream().filter(v -> v.family() == c.family()
                    && v.backend() == VerdictBackend.of(c.backend())).map(v -> v.strategy().id()).toList();
            out.add(new Finding("backend-unavailable", choosing.isEmpty() ? Severity.INFO : Severity.WARNING,
                    c.family(), c.family().id() + ": " + c.backend().id() + " is unavailable in this kernel ("
                            + c.why() + ")" + (choosing.isEmpty() ? "" : "; still chosen by " + String.join(", ", choosing)),
                    "unavailable is not unused: a component that picks it fails to write its rules",
                    choosing.isEmpty() ? "nothing: no strategy chooses it"
                            : "give those components binaries of the available backend, or set their override"));
        }
    }

    private static Family familyIn(String text) {
        return text.startsWith("ipv6") ? Family.IPV6 : text.startsWith("ipv4") ? Family.IPV4 : null;
    }

    private static void stale(Staleness staleness, List<Finding> out) {
        for (Staleness.StaleSet s : staleness.sets()) {
            OwnerCatalogue.Owner owner = OwnerCatalogue.get().owner(s.owner());
            String listed = s.chains().stream().limit(LISTED_CHAINS).collect(Collectors.joining(", "))
                    + (s.chains().size() > LISTED_CHAINS ? " and " + (s.chains().size() - LISTED_CHAINS) + " more" : "");
            String action = "remove exactly these leftovers: " + String.join("; ", s.cleanup())
                    + (owner.cleanup() == null ? "" : " (or " + owner.cleanup() + ")");
            out.add(new Finding("stale-rules", Severity.WARNING, s.family(),
                    s.family().id() + ": " + s.owner() + "'s chains in " + s.backend().id() + " " + s.table() + " are "
                            + "leftovers (" + Verdicts.rules(s.rules()) + (listed.isEmpty() ? "" : "; " + listed) + "): "
                            + s.reason() + (s.kept() == null ? "" : ". " + s.kept()),
                    "leftovers still run on every packet on their hooks (stale service rules give 'no route to host', "
                            + "kubernetes#109811)" + (s.hasCanary() ? "; detectors that look for "
                            + Markers.KUBE_PROXY_CANARY + " or count rules pick " + s.backend().id() + " because of them"
                            : "; rule-counting detectors pick " + s.backend().id() + " because of them"),
                    action));
        }
    }

    /**
     * A DROP policy or a catch-all drop/reject on a hook where live writers accept or forward traffic in another
     * table or backend: their accept ends only their own chain, so the packet still dies there.
     */
    private static void blockedHooks(NodeView node, List<Finding> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (HookPipeline.Hook h : node.pipeline().hooks()) {
            for (HookPipeline.Stage block : h.blocking()) {
                for (HookPipeline.Stage acc : h.stages()) {
                    if (acc == block || acc.table().equals(block.table()) && acc.writer().equals(block.writer())) {
                        continue;
                    }
                    Optional<String> writer = acceptingWriter(node, h, acc, block);
                    if (writer.isEmpty() || !seen.add(h.family() + h.hook() + block.describe() + writer.get())) {
                        continue;
                    }
                    List<InterfaceVerdict> paths = writerPaths(h, block, writer.get());
                    out.add(!paths.isEmpty() && paths.stream().allMatch(v -> v.verdict() == InterfaceVerdict.Outcome.ACCEPT)
                            ? passed(h, block, acc, writer.get(), paths) : blocked(node, h, block, acc, writer.get(), paths));
                }
            }
        }
    }

    /** The live writer that accepts traffic in {@code acc} and does not handle {@code block} itself. */
    private static Optional<String> acceptingWriter(NodeView node, HookPipeline.Hook h, HookPipeline.Stage acc,
                                                    HookPipeline.Stage block) {
        OwnerCatalogue cat = OwnerCatalogue.get();
        for (String o : acc.owners()) {
            // A writer whose live rules sit in the blocking chain handles the block itself (Docker's own FORWARD DROP).
            boolean handles = block.owners().contains(o) && live(node, o, block);
            if (cat.owner(o).acceptsOn(h.hook()) && !handles && live(node, o, acc)) {
                return Optional.of(o);
            }
        }
        if (acc.accepts() && acc.owners().isEmpty()) {
            return Optional.of("the rules without a known owner");
        }
        return Optional.empty();
    }

    /** An owner's presence in a stage is live unless its rules in that table are leftovers. */
    private static boolean live(NodeView node, String owner, HookPipeline.Stage stage) {
        if (stage.writer().equals("native")) {
            return true;
        }
        return node.staleness().sets().stream().noneMatch(s -> s.owner().equals(owner)
                && Ownership.writerOf(s.backend()).equals(stage.writer()) && s.table().equals(stage.table()));
    }

    /**
     * The blocking chain's verdicts on the writer's own interfaces (by the catalogue's names) in the direction the
     * hook's traffic has, or when it names none of them its verdict on any other interface; empty for rules without
     * a known owner and for iptables chains.
     */
    private static List<InterfaceVerdict> writerPaths(HookPipeline.Hook h, HookPipeline.Stage block, String writer) {
        if (writer.startsWith("the ")) {
            return List.of();
        }
        List<String> patterns = OwnerCatalogue.get().owner(writer).interfaces();
        InterfaceVerdict.Direction d = InterfaceVerdict.Direction.onHook(h.hook());
        List<InterfaceVerdict> named = block.interfaces().stream().filter(v -> v.match() == d && v.name() != null
                && patterns.stream().anyMatch(p -> OwnerCatalogue.matches(p, v.name()))).toList();
        return named.isEmpty() ? other(block, d).stream().toList() : named;
    }

    private static Optional<InterfaceVerdict> other(HookPipeline.Stage block, InterfaceVerdict.Direction d) {
        return block.interfaces().stream().filter(v -> v.match() == d && v.name() == null).findFirst();
    }

    /** The blocking chain accepts the writer's interfaces before it blocks: no interaction for them. */
    private static Finding passed(HookPipeline.Hook h, HookPipeline.Stage block, HookPipeline.Stage acc, String writer,
                                  List<InterfaceVerdict> paths) {
        InterfaceVerdict.Direction d = paths.get(0).match();
        List<String> names = paths.stream().map(InterfaceVerdict::name).filter(n -> n != null).toList();
        String who = names.isEmpty() ? "every interface" : String.join(", ", names);
        List<String> back = block.interfaces().stream().filter(v -> v.match() != d && names.contains(v.name())
                && v.verdict() != InterfaceVerdict.Outcome.ACCEPT).map(InterfaceVerdict::describe).toList();
        List<String> unnamed = names.isEmpty() ? List.of() : OwnerCatalogue.get().owner(writer).interfaces().stream()
                .filter(p -> names.stream().noneMatch(n -> OwnerCatalogue.matches(p, n))).toList();
        Optional<InterfaceVerdict> other = other(block, d).filter(v -> v.verdict() != InterfaceVerdict.Outcome.ACCEPT);
        String message = h.family().id() + " " + h.hook() + ": " + block.describe() + " has " + block.blocksHow()
                + ", but lets " + writer + "'s traffic through before it (" + paths.stream()
                .map(InterfaceVerdict::describe).collect(Collectors.joining(", ")) + "), which " + writer
                + " accepts on the same hook in " + acc.describe() + " (priority " + acc.priority() + ")";
        String impact = "none for traffic " + (d == InterfaceVerdict.Direction.IIFNAME ? "from " : "to ") + who
                + (back.isEmpty() ? "" : "; traffic the other way that no other rule singles out is not let through ("
                + String.join(", ", back) + ")")
                + (unnamed.isEmpty() || other.isEmpty() ? "" : "; an interface of " + writer + " it does not name ("
                + String.join(", ", unnamed) + ") is not let through (" + other.get().describe() + ")");
        String action = "nothing for " + who + "; a new interface of " + writer + " needs the same accept in "
                + block.table() + (block.owners().contains("firewalld") ? " (Docker and podman add their bridges to "
                + "their own firewalld zone when they start after firewalld)" : "");
        return new Finding("hook-passed", Severity.INFO, h.family(), message, impact, action);
    }

    /**
     * An error, unless every verdict the chain has on the writer's interfaces is one iptscope cannot follow: then
     * the chain may let the traffic through first, and the finding is a warning that says so.
     */
    private static Finding blocked(NodeView node, HookPipeline.Hook h, HookPipeline.Stage block, HookPipeline.Stage acc,
                                   String writer, List<InterfaceVerdict> paths) {
        boolean unsure = !paths.isEmpty() && paths.stream().allMatch(v -> v.verdict() == InterfaceVerdict.Outcome.ACCEPT
                || v.verdict() == InterfaceVerdict.Outcome.UNKNOWN);
        List<String> live = block.owners().stream().filter(o -> live(node, o, block)).toList();
        List<String> stale = block.owners().stream().filter(o -> !live.contains(o)).toList();
        String blockOwners = (live.isEmpty() ? "" : " (rules of " + String.join(", ", live) + ")")
                + (stale.isEmpty() ? "" : " (leftover rules of " + String.join(", ", stale) + ")");
        String message = h.family().id() + " " + h.hook() + ": " + block.describe() + " has " + block.blocksHow()
                + (block.rules() == null ? "" : " with " + Verdicts.rules(block.rules())) + blockOwners + ", while "
                + writer + " accept" + (writer.startsWith("the ") ? "" : "s") + " traffic on the same hook in "
                + acc.describe() + " (priority " + acc.priority() + ")"
                + (paths.isEmpty() ? "" : (unsure ? "; whether it lets that traffic through first cannot be told, "
                + "as a rule for it uses a named set, a verdict map or a queue" : paths.get(0).name() == null
                ? "; it names no interface of " + writer : "; its verdicts on " + writer + "'s interfaces")
                + ": " + paths.stream().map(InterfaceVerdict::describe).collect(Collectors.joining(", ")));
        String impact = (unsure ? "if it does not: " : "")
                + "a packet passes a hook only if every base chain on it lets it through: an accept in "
                + acc.describe() + " ends only that chain, and the packet then meets " + block.describe()
                + (h.hook().equals("forward") ? ": containers and pods cannot reach each other or the outside" : "");
        return new Finding("hook-blocked", unsure ? Severity.WARNING : Severity.ERROR, h.family(), message, impact,
                (unsure ? "read its rules for them (nft list table " + block.table() + "); if they do not accept: "
                        : "") + fix(h, block, writer));
    }

    private static String fix(HookPipeline.Hook h, HookPipeline.Stage block, String writer) {
        List<String> ifaces = new ArrayList<>();
        if (!writer.startsWith("the ")) {
            OwnerCatalogue.get().owner(writer).interfaces().stream().limit(1).forEach(ifaces::add);
        }
        String chain = block.chain();
        if (block.writer().equals("native")) {
            if (block.owners().contains("firewalld")) {
                String iface = ifaces.isEmpty() ? "<bridge>" : ifaces.get(0).replace("*", "+");
                return "let firewalld pass it: firewall-cmd --permanent --zone=trusted --add-interface=" + iface
                        + " && firewall-cmd --reload (Docker and podman create their own zone when they start after "
                        + "firewalld)";
            }
            String iface = ifaces.isEmpty() ? "<interface>" : ifaces.get(0);
            return "accept that traffic in the blocking chain before its drop: nft insert rule " + block.table() + " "
                    + chain + " iifname \"" + iface + "\" accept (and oifname \"" + iface + "\" ct state "
                    + "established,related accept), or change its policy if nothing relies on it";
        }
        String tool = (h.family() == Family.IPV4 ? "iptables" : "ip6tables") + "-"
                + (block.writer().equals("legacy") ? "legacy" : "nft");
        String iface = ifaces.isEmpty() ? "<interface>" : ifaces.get(0).replace("*", "+");
        String upper = chain;
        return tool + " -t " + block.table() + " -P " + upper + " ACCEPT if nothing else relies on that policy, or "
                + "accept the traffic there: " + tool + " -t " + block.table() + " -I " + upper + " -i " + iface
                + " -j ACCEPT; " + tool + " -t " + block.table() + " -I " + upper + " -o " + iface
                + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
                + ("docker".equals(writer) ? " (Docker documents DOCKER-USER for such rules: it still honours it "
                + "and the FORWARD policy with its nftables backend)" : "");
    }
}
