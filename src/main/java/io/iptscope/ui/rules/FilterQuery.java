package io.iptscope.ui.rules;

import io.iptscope.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The filter bar's query until the rules model's filter language is available: words that must all
 * occur in the rule line (case-insensitive), {@code "quoted phrases"}, and {@code !word} for words
 * that must not. A malformed query reports the position of its error.
 */
public sealed interface FilterQuery {

    /** The query as typed. */
    String text();

    record Valid(String text, Predicate<Rule> predicate) implements FilterQuery {
    }

    /** @param position 0-based offset of the error in the query text */
    record Invalid(String text, String message, int position) implements FilterQuery {
    }

    static FilterQuery compile(String text) {
        List<String> wanted = new ArrayList<>();
        List<String> unwanted = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean negated = c == '!';
            if (negated) {
                i++;
                if (i >= n || Character.isWhitespace(text.charAt(i))) {
                    return new Invalid(text, "'!' must be followed by a word or a quoted phrase", start);
                }
            }
            String term;
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    return new Invalid(text, "unclosed quote", i);
                }
                term = text.substring(i + 1, close);
                if (term.isEmpty()) {
                    return new Invalid(text, "empty phrase", i);
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end))) {
                    if (text.charAt(end) == '"') {
                        return new Invalid(text, "quote inside a word: put a space before it", end);
                    }
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            (negated ? unwanted : wanted).add(term.toLowerCase(Locale.ROOT));
        }
        List<String> all = List.copyOf(wanted);
        List<String> none = List.copyOf(unwanted);
        return new Valid(text, rule -> {
            String line = rule.raw().toLowerCase(Locale.ROOT);
            for (String w : all) {
                if (!line.contains(w)) {
                    return false;
                }
            }
            for (String u : none) {
                if (line.contains(u)) {
                    return false;
                }
            }
            return true;
        });
    }
}
