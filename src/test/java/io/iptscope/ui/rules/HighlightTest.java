package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightTest {

    @Test
    void occurrencesAreMarkedIgnoringCaseAndOverlapsMerge() {
        assertEquals(List.of(new Highlight.Piece("to ", false), new Highlight.Piece("KUBE-SVC-", true),
                new Highlight.Piece("ABC", false)), Highlight.pieces("to KUBE-SVC-ABC", List.of("kube-svc-")));
        assertEquals(List.of(new Highlight.Piece("abcd", true), new Highlight.Piece("e", false)),
                Highlight.pieces("abcde", List.of("abc", "bcd")));
        assertEquals(List.of(new Highlight.Piece("plain", false)), Highlight.pieces("plain", List.of("x")));
        assertEquals(List.of(new Highlight.Piece("plain", false)), Highlight.pieces("plain", List.of()));
    }
}
