package io.iptscope.ui.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cuts a cell's text into plain and marked pieces: where the filter's terms occur, ignoring case. */
public final class Highlight {

    /** A piece of a cell's text; {@code marked} when a term of the filter found it. */
    public record Piece(String text, boolean marked) {
    }

    private Highlight() {
    }

    /** One plain piece when nothing occurs; overlapping occurrences of several terms merge. */
    public static List<Piece> pieces(String text, List<String> terms) {
        if (text == null || text.isEmpty() || terms.isEmpty()) {
            return List.of(new Piece(text == null ? "" : text, false));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean[] marked = new boolean[text.length()];
        boolean any = false;
        for (String term : terms) {
            String t = term.toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            for (int at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + 1)) {
                for (int i = at; i < at + t.length() && i < marked.length; i++) {
                    marked[i] = true;
                }
                any = true;
            }
        }
        if (!any) {
            return List.of(new Piece(text, false));
        }
        List<Piece> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || marked[i] != marked[start]) {
                out.add(new Piece(text.substring(start, i), marked[start]));
                start = i;
            }
        }
        return out;
    }
}
