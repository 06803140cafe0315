package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void canonicalForms() {
        assertEquals("10.0.0.1/32", Cidr.canonical("10.0.0.1"));
        assertEquals("10.1.0.0/16", Cidr.canonical("10.1.2.3/16"));
        assertEquals("10.0.0.0/8", Cidr.canonical("10.9.9.9/255.0.0.0"));
        assertEquals("0.0.0.0/0", Cidr.canonical("1.2.3.4/0"));
        assertEquals("fd00:10:96::/108", Cidr.canonical("FD00:10:96:0:0:0:0:0/108"));
        assertEquals("::ffff:102:304/128", Cidr.canonical("::ffff:1.2.3.4"));
        assertEquals("::/0", Cidr.canonical("::/0"));
        assertEquals("1.2.3.4/32,5.6.7.8/32", Cidr.canonical("1.2.3.4,5.6.7.8"));
        assertEquals("example.org", Cidr.canonical("example.org"));
    }

    @Test
    void rejectsNonsense() {
        for (String s : new String[] {"1.2.3", "1.2.3.256", "1.2.3.4/33", "1.2.3.4/255.0.255.0", "1:::2", "1::2::3",
            "12345::", "1:2:3:4:5:6:7:8:9", "", "/8", "g::1"}) {
            assertNull(Cidr.parse(s), s);
        }
    }

    @Test
    void containment() {
        Cidr net = Cidr.parse("10.0.0.0/8");
        assertTrue(net.contains(Cidr.parse("10.1.2.3")));
        assertTrue(net.contains(Cidr.parse("10.0.0.0/8")));
        assertFalse(net.contains(Cidr.parse("11.0.0.1")));
        assertFalse(Cidr.parse("10.1.2.3").contains(net));
        assertTrue(Cidr.parse("10.1.2.3").overlaps(net));
        Cidr v6 = Cidr.parse("fd00:10:244::/104");
        assertTrue(v6.contains(Cidr.parse("fd00:10:244::26")));
        assertFalse(v6.contains(Cidr.parse("fd00:10:245::1")));
        assertFalse(v6.contains(Cidr.parse("10.0.0.1")));
        assertTrue(Cidr.parse("::/0").contains(Cidr.parse("2001:db8::1")));
        assertTrue(Cidr.parse("2001:db8::/65").contains(Cidr.parse("2001:db8::7fff:0:0:1")));
        assertFalse(Cidr.parse("2001:db8::/65").contains(Cidr.parse("2001:db8::8000:0:0:1")));
    }
}
