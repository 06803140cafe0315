package io.iptscope.ui.rules;

/** A rule by chain and position, for the "referenced by" index (cheaper than holding rule objects). */
record RuleLocation(String chain, int index) {
}
