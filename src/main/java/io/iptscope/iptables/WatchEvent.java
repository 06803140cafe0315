package io.iptscope.iptables;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing the watch saw, as a JSON line of {@code iptscope watch --json}.
 *
 * @param type    {@code snapshot}, {@code rule-added}, {@code rule-removed}, {@code rule-moved}, {@code rule-changed},
 *                {@code chain-added}, {@code chain-removed}, {@code policy-changed}, {@code flush}, {@code canary},
 *                {@code counters}, {@code error}; and about the watch itself: {@code watch-lost} (reads fail, retried),
 *                {@code watch-resumed}, {@code monitor-ended} (nft monitor ended on its own; nft is polled)
 * @param writer  for nft: the process that committed the change ("iptables-nft[4242]"), from nft monitor
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchEvent(String time, String type, String backend, String family, String table, String chain,
                         String rule, String detail, String writer) {
}
