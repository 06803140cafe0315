package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.bench.HostileNamesBench;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs written to break the rule model: malformed values, deep filters, colliding names, huge or odd files. */
class HostileInputTest {

    @TempDir
    Path dir;

    private static Ruleset parse(String text) {
        ParseResult r = SaveParser.parse(text, "t");
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        return r.ruleset();
    }

    @Test
    void malformedMarkValuesAreComparedNotCrashedOn() {
        List<String> values = List.of("/", "//", "1/", "/1", "0x/0x", "1/2/3", "", "-1", "0xfffffffffffffffffff");
        for (String v : values) {
            for (String opt : List.of("--set-mark", "--set-xmark", "--and-mark", "--or-mark", "--xor-mark")) {
                String rule = "-A INPUT -j MARK " + opt + (v.isEmpty() ? "" : " " + v);
                Ruleset a = parse("*mangle\n:INPUT ACCEPT [0:0]\n" + rule + "\nCOMMIT\n");
                Ruleset b = parse("*mangle\n:INPUT ACCEPT [0:0]\n-A INPUT -j MARK --set-xmark 0x1/0xffffffff\nCOMMIT\n");
                RulesetDiff same = RulesetDiffer.diff(a, a, "a", "a", false);
                assertTrue(same.isEmpty(), rule + " differs from itself");
                RulesetDiff other = RulesetDiffer.diff(a, b, "a", "b", false);
                assertTrue(!other.isEmpty(), rule + " compared equal to --set-xmark 0x1/0xffffffff");
            }
        }
    }

    @Test
    void deeplyNestedGroupsAreAnErrorWithAPosition() {
        String query = "(".repeat(2000) + "chain:A" + ")".repeat(2000);
        RuleFilter.Compiled c = RuleFilter.compile(query);
        RuleFilter.Compiled.Error e = assertInstanceOf(RuleFilter.Compiled.Error.class, c);
        assertEquals(RuleFilter.MAX_GROUP_DEPTH, e.position());
        assertTrue(e.message().contains("nested"), e.message());
        assertInstanceOf(RuleFilter.Compiled.Ok.class,
                RuleFilter.compile("(".repeat(RuleFilter.MAX_GROUP_DEPTH) + "chain:A" + ")".repeat(RuleFilter.MAX_GROUP_DEPTH)));
    }

    @Test
    void thousandsOfNegationsKeepTheirMeaning() {
        Ruleset rs = parse("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n-A INPUT -j A\n-A A -j DROP\nCOMMIT\n");
        RuleIndex idx = RuleIndex.of(rs);
        RuleFilter odd = ok(RuleFilter.compile("!".repeat(5001) + "chain:A"));
        RuleFilter even = ok(RuleFilter.compile("! ".repeat(5000) + "chain:A"));
        assertEquals(List.of("INPUT"), odd.select(idx).stream().map(Rule::chain).toList());
        assertEquals(List.of("A"), even.select(idx).stream().map(Rule::chain).toList());
        assertInstanceOf(RuleFilter.Compiled.Error.class, RuleFilter.compile("!".repeat(5000)));
    }

    private static RuleFilter ok(RuleFilter.Compiled c) {
        return assertInstanceOf(RuleFilter.Compiled.Ok.class, c).filter();
    }

    /** 2^14 names of 28 characters, all with the same {@link String#hashCode()}. */
    private static List<String> collidingNames() {
        return HostileNamesBench.colliding();
    }

    @Test
    void collidingChainNamesDoNotShareAHash() {
        List<String> names = collidingNames();
        assertEquals(1, names.stream().map(String::hashCode).distinct().count(), "the input really collides");
        Set<Integer> keyed = new HashSet<>();
        for (String n : names) {
            keyed.add(KeyedHash.hash(n));
            assertEquals(KeyedHash.hash(n), KeyedHash.hash("xx" + n + "yy", 2, n.length() + 2));
        }
        // Random 32-bit hashes of 16,384 names: a few birthday collisions at most, never a flood.
        assertTrue(keyed.size() > names.size() - 50, keyed.size() + " distinct hashes");
    }

    @Test
    void aDumpOfCollidingChainNamesParsesEveryChain() {
        List<String> names = collidingNames();
        StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n");
        names.forEach(n -> sb.append(':').append(n).append(" - [0:0]\n"));
        names.forEach(n -> sb.append("-A ").append(n).append(" -j RETURN\n"));
        sb.append("COMMIT\n");
        Table filter = parse(sb.toString()).table("filter").orElseThrow();
        assertEquals(names.size() + 1, filter.chains().size());
        for (String n : List.of(names.get(0), names.get(names.size() / 2), names.get(names.size() - 1))) {
            assertEquals(1, filter.chain(n).orElseThrow().rules().size(), n);
        }
    }

    @Test
    void devicesAndDirectoriesAreRefusedBeforeReading() {
        DumpInput.RefusedException dev = assertThrows(DumpInput.RefusedException.class,
                () -> DumpInput.read(Path.of("/dev/zero")));
        assertTrue(dev.getMessage().contains("/dev/zero") && dev.getMessage().contains("not a regular file"),
                dev.getMessage());
        DumpInput.RefusedException d = assertThrows(DumpInput.RefusedException.class, () -> DumpInput.read(dir));
        assertTrue(d.getMessage().contains("directory"), d.getMessage());
        assertThrows(DumpInput.RefusedException.class, () -> DumpInput.read(dir.resolve("absent")));
    }

    @Test
    void aFileLargerThanTheBoundIsRefusedFromItsSize() throws Exception {
        Path huge = dir.resolve("huge.rules");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(DumpInput.MAX_BYTES + 1); // sparse: no disk, and never read
        }
        DumpInput.RefusedException e = assertThrows(DumpInput.RefusedException.class, () -> DumpInput.read(huge));
        assertTrue(e.getMessage().contains("huge.rules") && e.getMessage().contains("MiB"), e.getMessage());
    }

    @Test
    void textIsUtf8WhenValidAndEveryByteOtherwise() throws Exception {
        Path utf8 = Files.writeString(dir.resolve("u"), "-A INPUT -m comment --comment \"naïve ☃\"\n");
        assertEquals("-A INPUT -m comment --comment \"naïve ☃\"\n", DumpInput.read(utf8));
        byte[] latin1 = "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path l = Files.write(dir.resolve("l"), latin1);
        assertEquals("# caf\u00e9\n", DumpInput.read(l));
        assertEquals("abc", DumpInput.read(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), "-"));
    }

    @Test
    void chainNamesIptablesRestoreRefusesAreErrors() {
        for (String line : List.of("-N \"a b\"", "-N \"a\tb\"", "-N !x", ":!x - [0:0]", ":-x - [0:0]")) {
            ParseResult r = SaveParser.parse("*filter\n" + line + "\nCOMMIT\n", "f");
            assertEquals(1, r.errors().size(), line + ": " + r.errors());
            ParseError e = r.errors().get(0);
            assertEquals(2, e.line(), line);
        }
        assertTrue(SaveParser.parse("*filter\n-N a!b\n-N \"ab\"\n:x-y - [0:0]\nCOMMIT\n", "f").errors().isEmpty());
    }
}
