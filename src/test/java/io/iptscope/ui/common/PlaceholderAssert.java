package io.iptscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a placeholder says: its state and its text in one assertion. */
public final class PlaceholderAssert {

    private PlaceholderAssert() {
    }

    public static void assertSays(Placeholder.State state, String text, Placeholder p) {
        assertEquals(state + ": " + text, p.stateProperty().get() + ": " + p.textProperty().get());
    }
}
