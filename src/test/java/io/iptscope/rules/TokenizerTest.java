package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void spacesAndTabsSeparateAndRunsCollapse() {
        assertEquals(List.of("-A", "INPUT", "-j", "ACCEPT"), Tokenizer.tokenize("  -A \t INPUT\t\t-j   ACCEPT  "));
    }

    @Test
    void quotedRegionKeepsBlanks() {
        assertEquals(List.of("--comment", "a  b\tc"), Tokenizer.tokenize("--comment \"a  b\tc\""));
    }

    @Test
    void quoteMayOpenMidToken() {
        assertEquals(List.of("abc d", "e"), Tokenizer.tokenize("ab\"c d\" e"));
    }

    @Test
    void closingQuoteEndsTheArgument() {
        assertEquals(List.of("abc", "def"), Tokenizer.tokenize("\"abc\"def"));
    }

    @Test
    void emptyQuotesAreAnEmptyArgument() {
        assertEquals(List.of("--comment", "", "-j"), Tokenizer.tokenize("--comment \"\" -j"));
    }

    @Test
    void backslashEscapesInsideQuotes() {
        assertEquals(List.of("say \"hi\" \\ it's"), Tokenizer.tokenize("\"say \\\"hi\\\" \\\\ it\\'s\""));
    }

    @Test
    void backslashIsLiteralOutsideQuotes() {
        assertEquals(List.of("a\\b", "c\\"), Tokenizer.tokenize("a\\b c\\"));
    }

    @Test
    void singleQuotesAreOrdinary() {
        assertEquals(List.of("'a", "b'"), Tokenizer.tokenize("'a b'"));
    }

    @Test
    void unterminatedQuoteKeepsWhatItRead() {
        assertEquals(List.of("-m", "x y"), Tokenizer.tokenize("-m \"x y"));
        assertEquals(List.of("-m"), Tokenizer.tokenize("-m \""));
    }

    @Test
    void quoteFollowsXtablesSaveString() {
        assertEquals("foo_Bar-9", Tokenizer.quote("foo_Bar-9"));
        assertEquals("\"kubernetes service portals\"", Tokenizer.quote("kubernetes service portals"));
        assertEquals("\"it\\'s \\\"x\\\" \\\\\"", Tokenizer.quote("it's \"x\" \\"));
        assertEquals("\"\"", Tokenizer.quote(""));
        assertEquals("\"a/b\"", Tokenizer.quote("a/b"));
    }

    @Test
    void quotedValuesTokenizeBackToThemselves() {
        for (String v : List.of("", "plain", "it's", "a \"b\" c", "back\\slash", "tab\there", "ns/svc:port -> 1.2.3.4:80")) {
            assertEquals(List.of(v), Tokenizer.tokenize(Tokenizer.quote(v)), v);
        }
    }
}
