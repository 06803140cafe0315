package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetnsTargetTest {

    @Test
    void theCurrentNetnsIsNotEntered() {
        Command c = new NetnsTarget.Current().enter(Command.of("iptables-nft-save"));
        assertEquals(List.of("iptables-nft-save"), c.argv());
    }

    @Test
    void otherTargetsAreEnteredWithNsenter() {
        assertEquals(List.of("nsenter", "--net=/run/netns/pod-1", "--", "cat", "x"),
                new NetnsTarget.Named("pod-1").enter(Command.of("cat", "x")).argv());
        assertEquals(List.of("nsenter", "--net=/proc/42/ns/net", "--", "true"),
                new NetnsTarget.OfPid(42).enter(Command.of("true")).argv());
        assertEquals(List.of("nsenter", "--net=/var/run/docker/netns/abc", "--", "true"),
                new NetnsTarget.AtPath("/var/run/docker/netns/abc").enter(Command.of("true")).argv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../etc", "a/b", "a b", "$(reboot)", "`id`", "x;y", "-n", "ns\nx"})
    void hostileNetnsNamesAreRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> new NetnsTarget.Named(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/a/../etc/shadow", "/x/..", "/a b", "/x;rm", "/x$(id)"})
    void hostilePathsAreRejected(String path) {
        assertThrows(IllegalArgumentException.class, () -> new NetnsTarget.AtPath(path));
    }

    @Test
    void specsRoundTrip() {
        for (NetnsTarget t : List.of(new NetnsTarget.Current(), new NetnsTarget.Named("cni-1234"),
                new NetnsTarget.OfPid(7), new NetnsTarget.AtPath("/run/netns/x"))) {
            assertEquals(t, NetnsTarget.parse(t.spec()));
        }
        assertEquals(new NetnsTarget.Named("plain"), NetnsTarget.parse("plain"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetnsTarget.parse("pid:abc"))
                .getMessage().contains("abc"));
    }
}
