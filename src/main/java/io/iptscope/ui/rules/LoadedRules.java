package io.iptscope.ui.rules;

import io.iptscope.rules.Ruleset;
import java.util.List;
import java.util.Map;

/**
 * A parsed dump with the jump index the browser needs.
 *
 * @param name        what was loaded, e.g. "nft ipv4 of netns:x" or a file name
 * @param references  per table, per chain: the rules that jump or go to it
 * @param parseErrors lines the parser could not read, shown rather than hidden
 */
record LoadedRules(String name, Ruleset ruleset, Map<String, Map<String, List<RuleLocation>>> references,
                   int parseErrors) {
}
