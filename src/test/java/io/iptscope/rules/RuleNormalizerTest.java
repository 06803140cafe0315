package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RuleNormalizerTest {

    private static String key(String line) {
        return RuleNormalizer.key(RuleSpecTest.spec(line));
    }

    private static void same(String input, String saved) {
        assertEquals(key(saved), key(input), input + "  vs  " + saved);
    }

    @Test
    void protocolImpliesItsMatch() {
        same("-A X -p tcp --dport 80 -j ACCEPT", "-A X -p tcp -m tcp --dport 80 -j ACCEPT");
        same("-A X -m tcp -p tcp -j DNAT --to-destination 1.2.3.4:80", "-A X -p tcp -j DNAT --to-destination 1.2.3.4:80");
        same("-A X -p 6 --destination-port 80 -j ACCEPT", "-A X -p tcp -m tcp --dport 80 -j ACCEPT");
        same("-A X -p all -j ACCEPT", "-A X -j ACCEPT");
    }

    @Test
    void addressesGetPrefixesAndMasks() {
        same("-A X -s 10.0.0.1 -j ACCEPT", "-A X -s 10.0.0.1/32 -j ACCEPT");
        same("-A X -d 10.1.2.3/255.255.0.0 -j ACCEPT", "-A X -d 10.1.0.0/16 -j ACCEPT");
        same("-A X -s 2001:DB8:0:0::1 -j ACCEPT", "-A X -s 2001:db8::1/128 -j ACCEPT");
        assertNotEquals(key("-A X -s 10.0.0.1 -j ACCEPT"), key("-A X ! -s 10.0.0.1 -j ACCEPT"));
    }

    @Test
    void markForms() {
        same("-A X -j MARK --or-mark 0x4000", "-A X -j MARK --set-xmark 0x4000/0x4000");
        same("-A X -j MARK --xor-mark 0x4000", "-A X -j MARK --set-xmark 0x4000/0x0");
        same("-A X -j MARK --and-mark 0xffff0000", "-A X -j MARK --set-xmark 0x0/0xffff");
        same("-A X -j MARK --set-mark 1", "-A X -j MARK --set-xmark 0x1/0xffffffff");
        same("-A X -m mark --mark 0x00004000/0x4000 -j RETURN", "-A X -m mark --mark 0x4000/0x4000 -j RETURN");
        same("-A X -m mark --mark 16384 -j RETURN", "-A X -m mark --mark 0x4000 -j RETURN");
    }

    @Test
    void optionOrderNegationPlacementAndQuoting() {
        same("-A X -m conntrack --ctdir ORIGINAL --ctstate NEW -j ACCEPT", "-A X -m conntrack --ctstate NEW --ctdir ORIGINAL -j ACCEPT");
        same("-A X -m mark --mark ! 0x1 -j DROP", "-A X -m mark ! --mark 0x1 -j DROP");
        same("-A X -m comment --comment 'x' -j DROP".replace("'", "\""), "-A X -m comment --comment x -j DROP");
        same("-A X -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "-A X -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
        same("-A X -m tcp --dport 1 -m comment --comment c -p tcp -j ACCEPT", "-A X -p tcp -m tcp --dport 1 -m comment --comment c -j ACCEPT");
    }

    @Test
    void theOrderOfMatchesIsMeaning() {
        assertNotEquals(key("-A X -m recent --set --name ssh -m tcp -p tcp --dport 22 -j DROP"),
                key("-A X -p tcp -m tcp --dport 22 -m recent --set --name ssh -j DROP"));
        assertNotEquals(key("-A X -m comment --comment c -m tcp -p tcp --dport 1 -j ACCEPT"),
                key("-A X -p tcp -m tcp --dport 1 -m comment --comment c -j ACCEPT"));
        same("-A X -p tcp --dport 22 -m recent --set --name ssh -j DROP",
                "-A X -p tcp -m tcp --dport 22 -m recent --set --name ssh --mask 255.255.255.255 --rsource -j DROP");
    }

    @Test
    void protocolOptionsAfterAnotherMatchLoadTheProtocolMatchThere() {
        // What iptables-legacy-save and iptables-nft-save 1.8.9 print for these lines.
        same("-A X -m comment --comment c -p tcp --dport 22 -j ACCEPT",
                "-A X -p tcp -m comment --comment c -m tcp --dport 22 -j ACCEPT");
        same("-A X -m conntrack --ctstate NEW -p tcp --syn --dport 1 -j ACCEPT",
                "-A X -p tcp -m conntrack --ctstate NEW -m tcp --dport 1 --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT");
        same("-A X -p tcp -m tcp --dport 2 -m tcp --sport 3 -j ACCEPT", "-A X -p tcp -m tcp --sport 3 --dport 2 -j ACCEPT");
        assertNotEquals(key("-A X -m comment --comment c -p tcp --dport 22 -j ACCEPT"),
                key("-A X -p tcp -m tcp --dport 22 -m comment --comment c -j ACCEPT"));
    }

    @Test
    void extensionTablesRewriteWhatIptablesRewritesOnSave() {
        same("-A X -p tcp --syn -j ACCEPT", "-A X -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT");
        same("-A X -p tcp --dport 1024: -j ACCEPT", "-A X -p tcp -m tcp --dport 1024:65535 -j ACCEPT");
        same("-A X -p udp --sport :1024 -j ACCEPT", "-A X -p udp -m udp --sport 0:1024 -j ACCEPT");
        same("-A X -m recent --set", "-A X -m recent --set --name DEFAULT --mask 255.255.255.255 --rsource");
        same("-A X -m conntrack --ctproto tcp", "-A X -m conntrack --ctproto 6");
        same("-A X -j LOG --log-level alert", "-A X -j LOG --log-level 1");
        same("-A X -p tcp -j DNAT --to-destination 1.1.1.1:ssh", "-A X -p tcp -j DNAT --to-destination 1.1.1.1:22");
        same("-A X -j TOS --set-tos Minimize-Delay", "-A X -j TOS --set-tos 0x10/0x3f");
        same("-A X -j DSCP --set-dscp-class EF", "-A X -j DSCP --set-dscp 0x2e");
        same("-A X -j NETMAP --to 1.2.3.4", "-A X -j NETMAP --to 1.2.3.4/32");
        same("-A X -s 10.11.12.13/255.0.12.0", "-A X -s 10.0.12.0/255.0.12.0");
        same("-A X -j CONNMARK --save-mark", "-A X -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff");
        same("-A X -j NFQUEUE", "-A X -j NFQUEUE --queue-num 0");
        assertNotEquals(key("-A X -p tcp --dport 1024:"), key("-A X -p tcp --dport 1024"));
        assertNotEquals(key("-A X -m recent --set --name A"), key("-A X -m recent --set"));
        assertNotEquals(key("-A X -j LOG --log-level alert"), key("-A X -j LOG --log-level crit"));
    }

    @Test
    void malformedValuesCompareVerbatimAndNeverThrow() {
        for (String bad : new String[] {"-A X -j MARK --set-mark /", "-A X -j MARK --set-xmark //",
            "-A X -j TOS --set-tos 0x/", "-A X -p tcp --dport :-:", "-A X -m icmp --icmp-type /:",
            "-A X -j DNAT --to-destination [::", "-A X -s 1.2.3.4/1.2", "-A X -s ::/ffff::x",
            "-A X -m rateest --rateest-bps kbit", "-A X -m cluster --cluster-local-node 99"}) {
            assertEquals(key(bad), key(bad), bad);
        }
        assertNotEquals(key("-A X -j MARK --set-mark /"), key("-A X -j MARK --set-mark 1/"));
    }

    @Test
    void defaultsAndKernelRounding() {
        same("-A X -j REJECT", "-A X -j REJECT --reject-with icmp-port-unreachable");
        assertNotEquals(key("-A X -j REJECT"), key("-A X -j REJECT --reject-with tcp-reset"));
        same("-A X -m statistic --mode random --probability 0.3333333333 -j A", "-A X -m statistic --mode random --probability 0.33333333349 -j A");
        same("-A X -i + -j ACCEPT", "-A X -j ACCEPT");
    }

    @Test
    void differencesStayDifferent() {
        assertNotEquals(key("-A X -p tcp --dport 80 -j ACCEPT"), key("-A X -p tcp --dport 81 -j ACCEPT"));
        assertNotEquals(key("-A X -j KUBE-A"), key("-A X -g KUBE-A"));
        assertNotEquals(key("-A X -m comment --comment a -j DROP"), key("-A X -m comment --comment b -j DROP"));
    }
}
